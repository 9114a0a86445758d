import uuid

import pytest

from orders.status import OrderStatus
from orders.tests.factories import OrderFactory

pytestmark = pytest.mark.django_db


def _url(order) -> str:
    return f"/order/{order.id}/status"


def test_an_admin_ships_a_paid_order_with_a_note(admin_api_client, stubs):
    order = OrderFactory(status=OrderStatus.PAID)

    response = admin_api_client.post(
        _url(order), {"status": "shipped", "note": "Tracking KZ123"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["status"] == "shipped"
    event = response.json()["events"][-1]
    assert (event["from_status"], event["to_status"], event["note"]) == (
        "paid",
        "shipped",
        "Tracking KZ123",
    )
    assert event["actor"].startswith("admin:")
    assert stubs.released_order_ids() == []


def test_an_admin_delivers_a_shipped_order(admin_api_client):
    order = OrderFactory(status=OrderStatus.SHIPPED)

    response = admin_api_client.post(_url(order), {"status": "delivered"}, format="json")

    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (OrderStatus.PENDING_PAYMENT, "shipped"),
        (OrderStatus.PAYMENT_FAILED, "shipped"),
        (OrderStatus.CANCELLED, "shipped"),
        (OrderStatus.PAID, "delivered"),
        (OrderStatus.DELIVERED, "shipped"),
        (OrderStatus.REFUNDED, "delivered"),
        (OrderStatus.SHIPPED, "shipped"),
    ],
)
def test_an_illegal_staff_move_is_409_and_changes_nothing(admin_api_client, current, target):
    order = OrderFactory(status=current)

    response = admin_api_client.post(_url(order), {"status": target}, format="json")

    assert response.status_code == 409
    assert "detail" in response.json()
    order.refresh_from_db()
    assert order.status == current
    assert order.events.count() == 1


@pytest.mark.parametrize("body", [{"status": "paid"}, {"status": "bogus"}, {}, {"status": None}])
def test_a_status_staff_may_not_set_is_400(admin_api_client, body):
    order = OrderFactory(status=OrderStatus.PAID)

    response = admin_api_client.post(_url(order), body, format="json")

    assert response.status_code == 400
    assert "status" in response.json()
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_a_customer_may_not_set_a_status_even_on_their_own_order(customer_client, customer):
    order = OrderFactory(user_id=customer.id, status=OrderStatus.PAID)

    response = customer_client.post(_url(order), {"status": "shipped"}, format="json")

    assert response.status_code == 403
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_setting_the_status_of_an_unknown_order_is_404(admin_api_client):
    response = admin_api_client.post(
        f"/order/{uuid.uuid4()}/status", {"status": "shipped"}, format="json"
    )

    assert response.status_code == 404


def test_setting_a_status_without_a_token_is_401(client):
    order = OrderFactory(status=OrderStatus.PAID)

    response = client.post(_url(order), {"status": "shipped"}, content_type="application/json")

    assert response.status_code == 401
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
