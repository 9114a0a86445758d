import uuid

import pytest

from orders.models import OrderEvent
from orders.status import OrderStatus
from orders.tests.factories import OrderFactory

pytestmark = pytest.mark.django_db


def _url(order) -> str:
    return f"/order/{order.id}/cancel"


@pytest.fixture
def order(customer):
    return OrderFactory(user_id=customer.id, email=customer.email)


def test_cancelling_an_order_awaiting_payment_releases_its_stock(customer_client, stubs, order):
    stubs.release()

    response = customer_client.post(_url(order))

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert stubs.released_order_ids() == [str(order.id)]
    [call] = stubs.calls("POST", "/release")
    assert call.request.headers["Authorization"].startswith("Service ")
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    event = order.events.last()
    assert (event.from_status, event.to_status) == ("pending_payment", "cancelled")
    assert event.actor.startswith("customer:")


def test_cancelling_after_a_declined_payment_releases_the_stock(customer_client, stubs, customer):
    order = OrderFactory(user_id=customer.id, status=OrderStatus.PAYMENT_FAILED)
    stubs.release()

    response = customer_client.post(_url(order))

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert stubs.released_order_ids() == [str(order.id)]


def test_cancelling_when_the_catalog_holds_no_reservation_still_cancels(
    customer_client, stubs, order
):
    stubs.release(status=404)

    assert customer_client.post(_url(order)).status_code == 200


def test_an_admin_cancels_anyones_order(admin_api_client, stubs, order):
    stubs.release()

    response = admin_api_client.post(_url(order))

    assert response.status_code == 200
    assert response.json()["events"][-1]["actor"].startswith("admin:")


@pytest.mark.parametrize(
    "status",
    [
        OrderStatus.PAID,
        OrderStatus.SHIPPED,
        OrderStatus.DELIVERED,
        OrderStatus.REFUNDED,
        OrderStatus.CANCELLED,
    ],
)
def test_cancelling_an_order_past_payment_is_409_and_changes_nothing(
    customer_client, stubs, customer, status
):
    order = OrderFactory(user_id=customer.id, status=status)

    response = customer_client.post(_url(order))

    assert response.status_code == 409
    assert "detail" in response.json()
    assert stubs.released_order_ids() == []
    order.refresh_from_db()
    assert order.status == status
    assert order.events.count() == 1


def test_cancelling_with_the_catalog_down_is_503_and_the_order_stays(customer_client, stubs, order):
    stubs.release_down()

    response = customer_client.post(_url(order))

    assert response.status_code == 503
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert OrderEvent.objects.filter(order=order).count() == 1


def test_cancelling_another_users_order_is_404(stranger_client, stubs, order):
    response = stranger_client.post(_url(order))

    assert response.status_code == 404
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert stubs.released_order_ids() == []


def test_cancelling_an_unknown_order_is_404(customer_client, stubs):
    assert customer_client.post(f"/order/{uuid.uuid4()}/cancel").status_code == 404


def test_cancelling_without_a_token_is_401_and_changes_nothing(client, stubs, order):
    response = client.post(_url(order))

    assert response.status_code == 401
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert stubs.released_order_ids() == []
