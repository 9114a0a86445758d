"""Guarantees the payments database keeps by itself, whatever code writes."""

import pytest
from django.db import IntegrityError, connection, transaction

from payments.models import Payment
from payments.tests.factories import PaymentFactory

pytestmark = pytest.mark.django_db


def column_type(table: str, column: str) -> tuple[str, int | None]:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT data_type, character_maximum_length FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = %s AND column_name = %s
            """,
            [table, column],
        )
        return cursor.fetchone()


def test_the_currency_is_stored_as_char_3():
    assert column_type(Payment._meta.db_table, "currency") == ("character", 3)


def test_a_three_letter_capital_currency_is_kept_as_it_is():
    payment = PaymentFactory(currency="KZT")

    payment.refresh_from_db()
    assert payment.currency == "KZT"


@pytest.mark.parametrize("currency", ["kzt", "KZ", "K1T", "", "   ", "KZ "])
def test_the_database_refuses_a_currency_that_is_not_three_capital_letters(currency):
    with pytest.raises(IntegrityError, match="payment_currency_iso_code"), transaction.atomic():
        PaymentFactory(currency=currency)

    assert not Payment.objects.exists()
