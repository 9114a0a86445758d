import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from orders.status import OrderStatus
from orders.tests.factories import OrderEventFactory, OrderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(customer):
    order = OrderFactory(user_id=customer.id, email=customer.email, status=OrderStatus.PAID)
    OrderEventFactory(
        order=order,
        from_status=OrderStatus.PENDING_PAYMENT,
        to_status=OrderStatus.PAID,
        actor="service:payment",
        at=timezone.now() + timedelta(seconds=1),
        note="Payment succeeded.",
    )
    return order


def test_the_owner_gets_the_order_with_its_history_oldest_first(customer_client, order):
    response = customer_client.get(f"/order/{order.id}")

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(order.id)
    assert body["status"] == "paid"
    assert body["total"] == "39.80"
    assert [(e["from_status"], e["to_status"], e["actor"]) for e in body["events"]] == [
        (None, "pending_payment", f"customer:{order.user_id}"),
        ("pending_payment", "paid", "service:payment"),
    ]
    assert body["items"][0]["line_total"] == "39.80"


def test_an_admin_gets_anyones_order(admin_api_client, order):
    assert admin_api_client.get(f"/order/{order.id}").status_code == 200


def test_another_users_order_is_404(stranger_client, order):
    response = stranger_client.get(f"/order/{order.id}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_an_unknown_order_is_404(customer_client):
    assert customer_client.get(f"/order/{uuid.uuid4()}").status_code == 404


@pytest.mark.parametrize("bad_id", ["not-a-uuid", "123", "%00", "1' OR '1'='1"])
def test_a_malformed_order_id_is_a_json_404(customer_client, bad_id):
    response = customer_client.get(f"/order/{bad_id}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_reading_an_order_without_a_token_is_401(client, order):
    assert client.get(f"/order/{order.id}").status_code == 401


def test_reading_an_order_with_an_expired_token_is_401(customer, order):
    from rest_framework.test import APIClient

    from shop_common.testing import access_token_mint

    client = APIClient()
    token = access_token_mint(user_id=customer.id, lifetime=timedelta(seconds=-60))
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    assert client.get(f"/order/{order.id}").status_code == 401


def test_reading_an_order_takes_a_fixed_number_of_queries(
    customer_client, order, django_assert_num_queries
):
    with django_assert_num_queries(3):
        customer_client.get(f"/order/{order.id}")
