import uuid
from datetime import datetime

import pytest

from payments.tests.factories import payment_succeeded_create

pytestmark = pytest.mark.django_db


def test_the_owner_sees_the_payment_with_its_transactions(customer, customer_id):
    payment = payment_succeeded_create(user_id=customer_id)

    response = customer.get(f"/payment/{payment.id}")

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(payment.id)
    assert body["order_id"] == str(payment.order_id)
    assert body["amount"] == "19.90"
    assert body["status"] == "succeeded"
    assert body["provider"] == "emulator"
    assert body["card_last4"] == "4242"
    assert [t["kind"] for t in body["transactions"]] == ["authorize", "capture"]
    assert set(body["transactions"][0]) == {"kind", "amount", "status", "created_at"}
    # Timestamps are ISO 8601 in UTC (DESIGN.md §3).
    assert body["created_at"].endswith("Z")
    assert datetime.fromisoformat(body["created_at"]) == payment.created_at
    assert body["transactions"][0]["created_at"].endswith("Z")


def test_another_users_payment_is_404(other_customer, customer_id):
    payment = payment_succeeded_create(user_id=customer_id)

    response = other_customer.get(f"/payment/{payment.id}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Payment not found."}


def test_an_admin_sees_anyones_payment(admin, customer_id):
    payment = payment_succeeded_create(user_id=customer_id)

    response = admin.get(f"/payment/{payment.id}")

    assert response.status_code == 200


def test_an_unknown_payment_is_404(customer):
    response = customer.get(f"/payment/{uuid.uuid4()}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Payment not found."}


@pytest.mark.parametrize("bad_id", ["not-a-uuid", "123", "'%20OR%201=1"])
def test_a_malformed_id_is_404_in_json(customer, bad_id):
    response = customer.get(f"/payment/{bad_id}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_without_a_token_it_is_401(client, customer_id):
    payment = payment_succeeded_create(user_id=customer_id)

    response = client.get(f"/payment/{payment.id}")

    assert response.status_code == 401
    assert "detail" in response.json()


def test_reading_a_payment_takes_two_queries(customer, customer_id, django_assert_num_queries):
    payment = payment_succeeded_create(user_id=customer_id)

    with django_assert_num_queries(2):
        response = customer.get(f"/payment/{payment.id}")

    assert response.status_code == 200
