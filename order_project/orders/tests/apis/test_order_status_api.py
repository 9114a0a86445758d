import json
import uuid

import pytest

from orders.status import OrderStatus
from orders.tests.factories import OrderFactory

pytestmark = pytest.mark.django_db


def _url(order) -> str:
    return f"/order/{order.id}/status"


def _post_raw(client, order, body: dict):
    """Posts `body` as JSON text with \\uXXXX escapes, as a client would send
    an unpaired surrogate (the test client cannot encode one itself)."""
    return client.generic(
        "POST", _url(order), json.dumps(body).encode(), content_type="application/json"
    )


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


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (OrderStatus.DELIVERED, "paid"),
        (OrderStatus.CANCELLED, "paid"),
        (OrderStatus.PENDING_PAYMENT, "paid"),
        (OrderStatus.PAID, "paid"),
        (OrderStatus.PENDING_PAYMENT, "payment_failed"),
        (OrderStatus.PENDING_PAYMENT, "cancelled"),
        (OrderStatus.PAID, "refunded"),
        (OrderStatus.SHIPPED, "pending_payment"),
    ],
)
def test_a_status_that_is_not_a_staff_move_is_409_and_changes_nothing(
    admin_api_client, stubs, current, target
):
    order = OrderFactory(status=current)

    response = admin_api_client.post(_url(order), {"status": target}, format="json")

    assert response.status_code == 409
    assert response.json() == {"detail": f"An order cannot go from {current} to {target}."}
    order.refresh_from_db()
    assert order.status == current
    assert order.events.count() == 1
    assert len(stubs.mock.calls) == 0


@pytest.mark.parametrize(
    "body",
    [
        {"status": "bogus"},
        {},
        {"status": None},
        {"status": 1},
        {"status": True},
        {"status": ["shipped"]},
        {"status": {"value": "shipped"}},
        {"status": "shipped\u0000"},
        {"status": "\ud800"},
        {"status": "x" * 10_000},
    ],
    ids=repr,
)
def test_a_status_that_is_not_a_status_at_all_is_400(admin_api_client, body):
    order = OrderFactory(status=OrderStatus.PAID)

    response = _post_raw(admin_api_client, order, body)

    assert response.status_code == 400
    assert list(response.json()) == ["status"]
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


@pytest.mark.parametrize(
    "note",
    [
        "\ud800",
        "in \udfff the middle",
        "nul \u0000 byte",
        "x" * 10_000,
        5,
        1.5,
        True,
        ["a"],
        {"a": 1},
    ],
    ids=repr,
)
def test_a_note_that_is_not_storable_text_is_400_keyed_by_note_and_changes_nothing(
    admin_api_client, note
):
    order = OrderFactory(status=OrderStatus.PAID)

    response = _post_raw(admin_api_client, order, {"status": "shipped", "note": note})

    assert response.status_code == 400
    assert list(response.json()) == ["note"]
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert order.events.count() == 1


@pytest.mark.parametrize(
    "body", [b"status=shipped&note=a%00b", b"status=%00", b"status=shipped&note=" + b"x" * 10_000]
)
def test_a_form_body_with_text_that_cannot_be_stored_is_400_and_changes_nothing(
    admin_api_client, body
):
    order = OrderFactory(status=OrderStatus.PAID)

    response = admin_api_client.generic(
        "POST", _url(order), body, content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_a_note_may_hold_any_real_text(admin_api_client):
    order = OrderFactory(status=OrderStatus.PAID)
    note = "Tracking 📦 KZ-123 «срочно» 東京"

    response = admin_api_client.post(
        _url(order), {"status": "shipped", "note": note}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["events"][-1]["note"] == note


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
