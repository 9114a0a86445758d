"""The database itself refuses bad rows, whatever writes them."""

import pytest
from django.db import IntegrityError, connection, transaction

from orders.models import Order
from orders.tests.factories import OrderFactory

pytestmark = pytest.mark.django_db


def _column_type(table: str, column: str) -> tuple[str, int | None]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT data_type, character_maximum_length FROM information_schema.columns "
            "WHERE table_name = %s AND column_name = %s",
            [table, column],
        )
        return cursor.fetchone()


def test_the_currency_is_a_char_3_column():
    assert _column_type(Order._meta.db_table, "currency") == ("character", 3)


@pytest.mark.parametrize("currency", ["kzt", "KZ1", "KZ", "K T", ""])
def test_the_database_refuses_a_currency_that_is_not_an_iso_code(currency):
    order = OrderFactory()

    with (
        pytest.raises(IntegrityError, match="orders_currency_iso_code"),
        transaction.atomic(),
    ):
        Order.objects.filter(pk=order.pk).update(currency=currency)

    order.refresh_from_db()
    assert order.currency == "KZT"


def test_an_order_keeps_the_whole_currency_code():
    order = OrderFactory(currency="EUR")

    order.refresh_from_db()
    assert order.currency == "EUR"
