"""A full card number is never stored, logged or sent anywhere."""

import logging
import uuid

import pytest
from django.db import connection

from payments.services import callback_deliver_due
from payments.tests.conftest import DECLINED_CARD, GOOD_CARD, callback_url

pytestmark = pytest.mark.django_db

CVC = "987"


def text_columns() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public'
              AND data_type IN ('character varying', 'text', 'jsonb', 'character')
            """
        )
        return cursor.fetchall()


def rows_containing(needle: str) -> list[tuple[str, str]]:
    found = []
    with connection.cursor() as cursor:
        for table, column in text_columns():
            cursor.execute(
                f'SELECT 1 FROM "{table}" WHERE "{column}"::text LIKE %s LIMIT 1',
                [f"%{needle}%"],
            )
            if cursor.fetchone():
                found.append((table, column))
    return found


def test_no_card_number_reaches_the_database_the_logs_or_the_order_service(
    customer, order_stub, pay_body, http, caplog
):
    paid, declined, invalid = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    order_stub(paid)
    order_stub(declined)
    for order_id in (paid, declined):
        http.post(callback_url(order_id), json={})

    with caplog.at_level(logging.DEBUG):
        customer.post(PAY := "/payment/pay", pay_body(paid, cvc=CVC), format="json")
        customer.post(PAY, pay_body(declined, card_number=DECLINED_CARD), format="json")
        customer.post(PAY, pay_body(invalid, card_number="4242424242424241"), format="json")
        customer.post(PAY, pay_body(invalid, card_number=GOOD_CARD, exp_year=2000), format="json")
        callback_deliver_due()

    assert len(text_columns()) > 10
    for number in (GOOD_CARD, DECLINED_CARD, "4242424242424241"):
        assert number not in caplog.text
        assert rows_containing(number) == []
        for call in http.calls:
            assert number not in str(call.request.body or "")
            assert number not in call.request.url
    assert f'"cvc": "{CVC}"' not in caplog.text


def test_an_error_answer_never_echoes_the_card_number(customer, pay_body):
    response = customer.post(
        "/payment/pay", pay_body(uuid.uuid4(), card_number="4242424242424241"), format="json"
    )

    assert "4242424242424241" not in response.content.decode()
