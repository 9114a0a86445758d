import json
import time
import uuid

import pytest
from rest_framework.test import APIClient

from orders.models import AcceptedCallbackSignature
from orders.status import OrderStatus
from orders.tests.factories import OrderFactory
from shop_common.testing import access_token_mint, api_client_as_service
from shop_common.webhooks import webhook_headers

pytestmark = pytest.mark.django_db


def _url(order_id) -> str:
    return f"/internal/orders/{order_id}/payment"


def _meta(headers: dict) -> dict:
    return {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()}


def _sign(order_id, raw: bytes, *, now: int | None = None) -> dict:
    """The headers the payment service sends with `raw` for this order."""
    return webhook_headers(method="POST", path=_url(order_id), body=raw, now=now)


_last_signed_at = 0


def _next_second() -> int:
    # Each delivery is signed anew at a second of its own, as the payment
    # worker's retries are: two sends of one payload within one second would
    # carry one signature, which is a replay. Starts in the past (within the
    # 5-minute window) so that the seconds never run far ahead of the clock.
    global _last_signed_at
    _last_signed_at = max(int(time.time()) - 200, _last_signed_at + 1)
    return _last_signed_at


def _send(order_id, payload, *, body: bytes | None = None, headers: dict | None = None):
    """Posts the callback as the payment service does: signed raw JSON bytes."""
    raw = json.dumps(payload).encode() if body is None else body
    signed = _sign(order_id, raw, now=_next_second()) if headers is None else headers
    return APIClient().post(
        _url(order_id), data=raw, content_type="application/json", **_meta(signed)
    )


def _payload(order, status="succeeded", payment_id=None, amount=None) -> dict:
    return {
        "payment_id": str(payment_id or uuid.uuid4()),
        "status": status,
        "amount": amount or str(order.total),
    }


@pytest.fixture
def order():
    return OrderFactory()


def test_a_succeeded_payment_marks_the_order_paid(order):
    payload = _payload(order)

    response = _send(order.id, payload)

    assert response.status_code == 200
    assert response.json() == {"order_id": str(order.id), "status": "paid"}
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert str(order.payment_id) == payload["payment_id"]
    event = order.events.last()
    assert (event.from_status, event.to_status, event.actor) == (
        "pending_payment",
        "paid",
        "service:payment",
    )
    assert payload["payment_id"] in event.note


def test_a_callback_delivered_again_signed_anew_marks_the_order_paid_once(order):
    payload = _payload(order)
    _send(order.id, payload)

    response = _send(order.id, payload)

    assert response.status_code == 200
    assert response.json()["status"] == "paid"
    assert order.events.filter(to_status=OrderStatus.PAID).count() == 1


def test_a_declined_payment_leaves_the_order_payment_failed_and_cancel_releases_stock(order, stubs):
    response = _send(order.id, _payload(order, status="failed"))

    assert response.status_code == 200
    assert response.json()["status"] == "payment_failed"
    assert stubs.released_order_ids() == []

    stubs.release()
    owner = APIClient()
    owner.credentials(HTTP_AUTHORIZATION=f"Bearer {access_token_mint(user_id=order.user_id)}")
    cancelled = owner.post(f"/order/{order.id}/cancel")

    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    assert stubs.released_order_ids() == [str(order.id)]


def test_a_paid_order_never_goes_back_to_failed(order):
    _send(order.id, _payload(order))

    response = _send(order.id, _payload(order, status="failed"))

    assert response.status_code == 409
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_a_second_payment_for_a_paid_order_is_409(order):
    _send(order.id, _payload(order))

    response = _send(order.id, _payload(order))

    assert response.status_code == 409
    assert order.events.filter(to_status=OrderStatus.PAID).count() == 1


@pytest.mark.parametrize("status", [OrderStatus.CANCELLED, OrderStatus.PAYMENT_FAILED])
def test_a_payment_for_an_order_no_longer_awaiting_it_is_409(status):
    order = OrderFactory(status=status)

    response = _send(order.id, _payload(order))

    assert response.status_code == 409
    order.refresh_from_db()
    assert order.status == status


@pytest.mark.parametrize("amount", ["39.79", "39.81", "0.00", "398.00"])
def test_an_amount_different_from_the_total_is_409_and_changes_nothing(order, amount):
    response = _send(order.id, _payload(order, amount=amount))

    assert response.status_code == 409
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert order.events.count() == 1


def test_an_amount_written_with_one_decimal_still_matches(order):
    response = _send(order.id, _payload(order, amount="39.8"))

    assert response.status_code == 200


def test_a_callback_for_an_unknown_order_is_404():
    response = _send(
        uuid.uuid4(), {"payment_id": str(uuid.uuid4()), "status": "succeeded", "amount": "1.00"}
    )

    assert response.status_code == 404


def test_a_refund_of_a_paid_order_refunds_it_and_releases_the_stock(order, stubs):
    payload = _payload(order)
    _send(order.id, payload)
    stubs.release()

    response = _send(order.id, {**payload, "status": "refunded"})

    assert response.status_code == 200
    assert response.json()["status"] == "refunded"
    assert stubs.released_order_ids() == [str(order.id)]


@pytest.mark.parametrize("status", [OrderStatus.SHIPPED, OrderStatus.DELIVERED])
def test_a_refund_after_shipping_keeps_the_stock_out(stubs, status):
    payment_id = uuid.uuid4()
    order = OrderFactory(status=status, payment_id=payment_id)

    response = _send(order.id, _payload(order, status="refunded", payment_id=payment_id))

    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUNDED
    assert stubs.released_order_ids() == []


def test_a_replayed_refund_releases_the_stock_once(order, stubs):
    payment_id = uuid.uuid4()
    _send(order.id, _payload(order, payment_id=payment_id))
    stubs.release()
    refund = _payload(order, status="refunded", payment_id=payment_id)
    _send(order.id, refund)

    response = _send(order.id, refund)

    assert response.status_code == 200
    assert len(stubs.released_order_ids()) == 1
    assert order.events.filter(to_status=OrderStatus.REFUNDED).count() == 1


def test_a_refund_of_another_payment_is_409(stubs):
    order = OrderFactory(status=OrderStatus.PAID, payment_id=uuid.uuid4())

    response = _send(order.id, _payload(order, status="refunded"))

    assert response.status_code == 409
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_a_refund_of_an_unpaid_order_is_409(order, stubs):
    response = _send(order.id, _payload(order, status="refunded"))

    assert response.status_code == 409
    assert stubs.released_order_ids() == []


def test_a_refund_while_the_catalog_is_down_is_503_and_can_be_retried(stubs):
    payment_id = uuid.uuid4()
    order = OrderFactory(status=OrderStatus.PAID, payment_id=payment_id)
    stubs.release_down()

    response = _send(order.id, _payload(order, status="refunded", payment_id=payment_id))

    assert response.status_code == 503
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert order.events.count() == 1


def test_a_forged_signature_is_401_and_changes_nothing(order, settings):
    raw = json.dumps(_payload(order)).encode()
    settings.WEBHOOK_SECRET = "an-attackers-guess"
    forged = _sign(order.id, raw)
    settings.WEBHOOK_SECRET = "insecure-test-webhook-secret-not-for-production"

    response = _send(order.id, None, body=raw, headers=forged)

    assert response.status_code == 401
    assert "detail" in response.json()
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT


def test_an_altered_body_is_401_and_changes_nothing(order):
    original = json.dumps(_payload(order, status="failed")).encode()
    headers = _sign(order.id, original)
    altered = original.replace(b'"failed"', b'"succeeded"')

    response = _send(order.id, None, body=altered, headers=headers)

    assert response.status_code == 401
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT


def test_a_stale_callback_is_401_and_changes_nothing(order):
    raw = json.dumps(_payload(order)).encode()
    stale = _sign(order.id, raw, now=int(time.time()) - 301)

    response = _send(order.id, None, body=raw, headers=stale)

    assert response.status_code == 401
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT


def test_a_callback_signed_too_far_in_the_future_is_401(order):
    raw = json.dumps(_payload(order)).encode()

    response = _send(
        order.id, None, body=raw, headers=_sign(order.id, raw, now=int(time.time()) + 330)
    )

    assert response.status_code == 401
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT


def test_a_replayed_callback_is_401_and_changes_nothing(order):
    raw = json.dumps(_payload(order, status="failed")).encode()
    headers = _sign(order.id, raw)
    assert _send(order.id, None, body=raw, headers=headers).status_code == 200

    response = _send(order.id, None, body=raw, headers=headers)

    assert response.status_code == 401
    assert response.json() == {"detail": "The callback signature was already used."}
    order.refresh_from_db()
    assert order.status == OrderStatus.PAYMENT_FAILED
    assert order.events.count() == 2
    assert AcceptedCallbackSignature.objects.count() == 1


def test_a_signed_callback_posted_to_another_orders_url_is_401_and_changes_nothing():
    paid_for, other = OrderFactory(), OrderFactory()
    assert paid_for.total == other.total
    raw = json.dumps(_payload(paid_for)).encode()

    response = _send(other.id, None, body=raw, headers=_sign(paid_for.id, raw))

    assert response.status_code == 401
    other.refresh_from_db()
    assert other.status == OrderStatus.PENDING_PAYMENT
    assert other.payment_id is None
    assert AcceptedCallbackSignature.objects.count() == 0


def test_the_accepted_signature_is_kept_with_its_own_timestamp(order):
    raw = json.dumps(_payload(order)).encode()
    signed_at = int(time.time()) - 100
    headers = _sign(order.id, raw, now=signed_at)

    _send(order.id, None, body=raw, headers=headers)

    kept = AcceptedCallbackSignature.objects.get()
    assert kept.digest == headers["X-Shop-Signature"].removeprefix("sha256=")
    assert kept.signed_at.timestamp() == signed_at
    assert kept.order_id == order.id


def test_a_refused_callback_does_not_use_up_its_signature(order):
    raw = json.dumps(_payload(order, amount="1.00")).encode()
    headers = _sign(order.id, raw)

    assert _send(order.id, None, body=raw, headers=headers).status_code == 409
    assert AcceptedCallbackSignature.objects.count() == 0
    assert _send(order.id, None, body=raw, headers=headers).status_code == 409


def _signed_with(order, **changes) -> tuple[bytes, dict]:
    raw = json.dumps(_payload(order)).encode()
    return raw, {**_sign(order.id, raw), **changes}


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"X-Shop-Timestamp": "not-a-time"}, id="words"),
        pytest.param({"X-Shop-Timestamp": "²"}, id="superscript-two"),
        pytest.param({"X-Shop-Timestamp": "9" * 5000}, id="5000-digits"),
        pytest.param({"X-Shop-Timestamp": "-5"}, id="negative"),
        pytest.param({"X-Shop-Timestamp": ""}, id="empty-timestamp"),
        pytest.param({"X-Shop-Signature": ""}, id="empty-signature"),
        pytest.param({"X-Shop-Signature": "sha256="}, id="prefix-only"),
        pytest.param({"X-Shop-Signature": "sha256=00"}, id="short"),
        pytest.param({"X-Shop-Signature": "sha256=" + "é" * 64}, id="non-ascii"),
        pytest.param({"X-Shop-Signature": "sha256=" + "\u0000" * 64}, id="nul"),
    ],
)
def test_a_malformed_signature_header_is_401_never_500(order, changes):
    raw, headers = _signed_with(order, **changes)

    response = _send(order.id, None, body=raw, headers=headers)

    assert response.status_code == 401
    assert set(response.json()) == {"detail"}
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT


def test_a_signature_without_its_sha256_prefix_is_401(order):
    raw, headers = _signed_with(order)
    headers["X-Shop-Signature"] = headers["X-Shop-Signature"].removeprefix("sha256=")

    response = _send(order.id, None, body=raw, headers=headers)

    assert response.status_code == 401


@pytest.mark.parametrize("missing", ["X-Shop-Timestamp", "X-Shop-Signature"])
def test_a_callback_missing_either_header_is_401(order, missing):
    raw, headers = _signed_with(order)
    del headers[missing]

    response = _send(order.id, None, body=raw, headers=headers)

    assert response.status_code == 401


def test_a_callback_without_any_signature_is_401(order):
    response = _send(order.id, _payload(order), headers={})

    assert response.status_code == 401
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT


def test_a_bad_signature_is_401_even_for_an_unknown_order():
    response = _send(uuid.uuid4(), {"status": "succeeded"}, headers={})

    assert response.status_code == 401


@pytest.mark.parametrize(
    "client",
    [
        lambda order: api_client_as_service(audience="order", issuer="payment"),
        lambda order: APIClient(
            HTTP_AUTHORIZATION=f"Bearer {access_token_mint(user_id=order.user_id, role='admin')}"
        ),
    ],
    ids=["service-token", "admin-token"],
)
def test_a_credential_without_a_signature_is_401(order, client):
    response = client(order).post(_url(order.id), _payload(order), format="json")

    assert response.status_code == 401
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT


@pytest.mark.parametrize(
    "change",
    [
        {"payment_id": "not-a-uuid"},
        {"status": "pending"},
        {"amount": "39.800"},
        {"amount": "-39.80"},
        {"amount": "lots"},
        {"payment_id": None},
        {"payment_id": 1},
        {"status": ["succeeded"]},
        {"amount": "99999999999999999999"},
        {"amount": True},
        {"status": "\ud800"},
        {"status": "succeeded\u0000"},
        {"payment_id": "\ud800"},
        {"amount": "\ud800"},
    ],
)
def test_a_signed_but_invalid_body_is_400_and_changes_nothing(order, change):
    response = _send(order.id, {**_payload(order), **change})

    assert response.status_code == 400
    assert set(change) <= response.json().keys()
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert order.payment_id is None


def test_a_signed_body_that_is_not_json_is_400(order):
    response = _send(order.id, None, body=b"payment=yes")

    assert response.status_code == 400


def test_a_malformed_order_id_is_404():
    response = _send("not-a-uuid", {})

    assert response.status_code == 404
