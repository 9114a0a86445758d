import json
import logging
import uuid
from datetime import timedelta

import pytest
import requests
from django.utils import timezone

from payments.models import (
    CallbackOutbox,
    CallbackStatus,
    PaymentStatus,
    TransactionKind,
    TransactionStatus,
)
from payments.services import callback_backoff_seconds, callback_deliver_due, callback_retry
from payments.tests.conftest import callback_url
from payments.tests.factories import (
    CallbackOutboxFactory,
    PaymentFactory,
    payment_succeeded_create,
)
from shop_common.webhooks import SIGNATURE_HEADER, TIMESTAMP_HEADER, webhook_signature_valid

pytestmark = pytest.mark.django_db


def test_a_due_callback_is_posted_signed_and_marked_delivered(http):
    callback = CallbackOutboxFactory()
    http.post(callback_url(callback.order_id), json={"status": "paid"})
    now = timezone.now()

    tried = callback_deliver_due(now=now)

    assert tried == 1
    callback.refresh_from_db()
    assert callback.status == CallbackStatus.DELIVERED
    assert callback.delivered_at == now
    assert callback.attempts == 1
    sent = http.calls[0].request
    assert json.loads(sent.body) == callback.body
    assert sent.headers["Content-Type"] == "application/json"
    assert "Authorization" not in sent.headers
    assert webhook_signature_valid(
        method="POST",
        path=f"/internal/orders/{callback.order_id}/payment",
        body=sent.body,
        timestamp=sent.headers[TIMESTAMP_HEADER],
        signature=sent.headers[SIGNATURE_HEADER],
    )


def test_the_signature_does_not_fit_an_altered_body(http):
    callback = CallbackOutboxFactory()
    http.post(callback_url(callback.order_id), json={})

    callback_deliver_due()

    sent = http.calls[0].request
    altered = sent.body.replace(b"19.90", b"0.01")
    assert not webhook_signature_valid(
        method="POST",
        path=f"/internal/orders/{callback.order_id}/payment",
        body=altered,
        timestamp=sent.headers[TIMESTAMP_HEADER],
        signature=sent.headers[SIGNATURE_HEADER],
    )


def test_the_signature_fits_the_orders_own_path_only(http):
    callback = CallbackOutboxFactory()
    http.post(callback_url(callback.order_id), json={})

    callback_deliver_due()

    sent = http.calls[0].request
    assert sent.path_url == f"/internal/orders/{callback.order_id}/payment"
    assert not webhook_signature_valid(
        method="POST",
        path=f"/internal/orders/{uuid.uuid4()}/payment",
        body=sent.body,
        timestamp=sent.headers[TIMESTAMP_HEADER],
        signature=sent.headers[SIGNATURE_HEADER],
    )


def test_the_callback_carries_the_request_id_of_the_payment(http):
    callback = CallbackOutboxFactory(request_id="req-123")
    http.post(callback_url(callback.order_id), json={})

    callback_deliver_due()

    assert http.calls[0].request.headers["X-Request-ID"] == "req-123"


def test_after_the_order_service_failed_twice_the_third_run_delivers_with_growing_waits(
    http,
):
    callback = CallbackOutboxFactory()
    url = callback_url(callback.order_id)
    http.post(url, status=503)
    http.post(url, body=requests.ConnectionError("refused"))
    http.post(url, json={"status": "paid"})
    start = timezone.now()

    callback_deliver_due(now=start)
    callback.refresh_from_db()
    first_wait = callback.next_attempt_at - start
    assert (callback.status, callback.attempts) == (CallbackStatus.PENDING, 1)
    assert "unavailable" in callback.last_error

    second_run = callback.next_attempt_at
    callback_deliver_due(now=second_run)
    callback.refresh_from_db()
    second_wait = callback.next_attempt_at - second_run
    assert (callback.status, callback.attempts) == (CallbackStatus.PENDING, 2)
    assert second_wait > first_wait > timedelta(0)

    third_run = callback.next_attempt_at
    callback_deliver_due(now=third_run)
    callback.refresh_from_db()
    assert callback.status == CallbackStatus.DELIVERED
    assert callback.attempts == 3
    assert callback.last_error == ""
    assert len(http.calls) == 3


def test_a_callback_is_not_sent_again_before_its_backoff_has_passed(http):
    callback = CallbackOutboxFactory()
    http.post(callback_url(callback.order_id), status=503)
    start = timezone.now()
    callback_deliver_due(now=start)

    tried = callback_deliver_due(now=start + timedelta(milliseconds=500))

    assert tried == 0
    assert len(http.calls) == 1


def test_backoff_doubles_from_the_base_and_stops_at_the_cap(settings):
    settings.PAYMENT_CALLBACK_BACKOFF_BASE_SECONDS = 1
    settings.PAYMENT_CALLBACK_BACKOFF_CAP_SECONDS = 300

    waits = [callback_backoff_seconds(attempts=n) for n in (1, 2, 3, 4, 9, 10, 50)]

    assert waits == [1, 2, 4, 8, 256, 300, 300]


@pytest.mark.parametrize("refusal", [401, 404, 409])
def test_a_refusal_marks_the_callback_failed_without_retry(http, refusal, caplog):
    callback = CallbackOutboxFactory()
    http.post(
        callback_url(callback.order_id), json={"detail": "Illegal transition."}, status=refusal
    )
    now = timezone.now()

    with caplog.at_level(logging.ERROR, logger="payments.services"):
        callback_deliver_due(now=now)
    tried_later = callback_deliver_due(now=now + timedelta(days=1))

    callback.refresh_from_db()
    assert callback.status == CallbackStatus.FAILED
    assert callback.last_error.startswith(f"HTTP {refusal}")
    assert tried_later == 0
    assert len(http.calls) == 1
    assert f"callback {callback.id}" in caplog.text


def test_too_many_requests_is_retried_later(http):
    callback = CallbackOutboxFactory()
    http.post(callback_url(callback.order_id), status=429)

    callback_deliver_due()

    callback.refresh_from_db()
    assert callback.status == CallbackStatus.PENDING
    assert callback.attempts == 1


def test_delivered_and_failed_callbacks_are_never_sent_again(http):
    CallbackOutboxFactory(status=CallbackStatus.DELIVERED)
    CallbackOutboxFactory(status=CallbackStatus.FAILED)

    assert callback_deliver_due() == 0
    assert len(http.calls) == 0


def test_callbacks_go_oldest_due_first_and_the_limit_is_kept(http):
    now = timezone.now()
    later = CallbackOutboxFactory(next_attempt_at=now - timedelta(seconds=1))
    earlier = CallbackOutboxFactory(next_attempt_at=now - timedelta(seconds=10))
    http.post(callback_url(later.order_id), json={})
    http.post(callback_url(earlier.order_id), json={})

    tried = callback_deliver_due(now=now, limit=1)

    assert tried == 1
    earlier.refresh_from_db()
    later.refresh_from_db()
    assert earlier.status == CallbackStatus.DELIVERED
    assert later.status == CallbackStatus.PENDING


def test_a_refund_callback_waits_until_the_payments_earlier_callback_is_delivered(http):
    now = timezone.now()
    payment = payment_succeeded_create()
    # The succeeded callback failed once and waits for its backoff; the
    # refund was queued meanwhile and is due at once.
    succeeded = CallbackOutboxFactory(
        payment=payment, attempts=1, next_attempt_at=now + timedelta(seconds=4)
    )
    refunded = CallbackOutboxFactory(
        payment=payment,
        body={"payment_id": str(payment.id), "status": "refunded", "amount": "19.90"},
        next_attempt_at=now,
    )
    http.post(callback_url(payment.order_id), json={})

    tried_before = callback_deliver_due(now=now)
    assert tried_before == 0
    assert len(http.calls) == 0

    tried_after = callback_deliver_due(now=now + timedelta(seconds=5))

    assert tried_after == 2
    assert [json.loads(call.request.body)["status"] for call in http.calls] == [
        "succeeded",
        "refunded",
    ]
    succeeded.refresh_from_db()
    refunded.refresh_from_db()
    assert succeeded.status == refunded.status == CallbackStatus.DELIVERED


def test_a_pending_callback_holds_back_only_its_own_payments_later_ones(http):
    now = timezone.now()
    waiting = CallbackOutboxFactory(next_attempt_at=now + timedelta(minutes=1))
    other = CallbackOutboxFactory(next_attempt_at=now)
    http.post(callback_url(other.order_id), json={})

    tried = callback_deliver_due(now=now)

    assert tried == 1
    other.refresh_from_db()
    waiting.refresh_from_db()
    assert other.status == CallbackStatus.DELIVERED
    assert waiting.status == CallbackStatus.PENDING


def test_a_callback_after_one_refused_for_good_is_still_sent(http):
    payment = payment_succeeded_create()
    CallbackOutboxFactory(payment=payment, status=CallbackStatus.FAILED)
    later = CallbackOutboxFactory(
        payment=payment,
        body={"payment_id": str(payment.id), "status": "refunded", "amount": "19.90"},
    )
    http.post(callback_url(payment.order_id), json={})

    assert callback_deliver_due() == 1

    later.refresh_from_db()
    assert later.status == CallbackStatus.DELIVERED


def test_a_stop_request_ends_the_run_before_the_next_callback(http):
    CallbackOutboxFactory()

    tried = callback_deliver_due(should_stop=lambda: True)

    assert tried == 0
    assert len(http.calls) == 0


def test_a_failed_callback_can_be_queued_again(http):
    callback = CallbackOutboxFactory(status=CallbackStatus.FAILED)
    http.post(callback_url(callback.order_id), json={})

    assert callback_retry(callback_id=callback.id)
    callback_deliver_due()

    callback.refresh_from_db()
    assert callback.status == CallbackStatus.DELIVERED


def test_a_delivered_callback_cannot_be_queued_again():
    callback = CallbackOutboxFactory(status=CallbackStatus.DELIVERED)

    assert not callback_retry(callback_id=callback.id)


@pytest.mark.django_db(transaction=True)
def test_a_callback_another_worker_is_sending_is_skipped_not_sent_twice(http):
    import threading

    from django.db import connection, transaction

    from payments.models import CallbackOutbox

    callback = CallbackOutboxFactory()
    locked, release = threading.Event(), threading.Event()

    def other_worker():
        try:
            with transaction.atomic():
                CallbackOutbox.objects.select_for_update().get(pk=callback.pk)
                locked.set()
                release.wait(timeout=10)
        finally:
            connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert locked.wait(timeout=10)
        tried = callback_deliver_due()
    finally:
        release.set()
        thread.join()

    assert tried == 0
    assert len(http.calls) == 0


def test_a_captured_payment_its_order_refuses_is_refunded_automatically(http):
    payment = payment_succeeded_create()
    callback = CallbackOutboxFactory(payment=payment)
    http.post(
        callback_url(callback.order_id),
        json={"detail": "An order cannot go from cancelled to paid."},
        status=409,
    )

    callback_deliver_due()

    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED
    refunds = payment.transactions.filter(kind=TransactionKind.REFUND)
    assert [(r.amount, r.status) for r in refunds] == [
        (payment.amount, TransactionStatus.SUCCEEDED)
    ]
    # The order never took the money: it is not told of this refund.
    assert not CallbackOutbox.objects.filter(payment=payment, body__status="refunded").exists()


@pytest.mark.parametrize("refusal", [401, 404])
def test_other_refusals_keep_the_payment_for_staff_to_decide(http, refusal):
    payment = payment_succeeded_create()
    callback = CallbackOutboxFactory(payment=payment)
    http.post(callback_url(callback.order_id), json={"detail": "no"}, status=refusal)

    callback_deliver_due()

    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert not payment.transactions.filter(kind=TransactionKind.REFUND).exists()


def test_a_refused_failed_payment_callback_refunds_nothing(http):
    payment = PaymentFactory(status=PaymentStatus.FAILED)
    callback = CallbackOutboxFactory(payment=payment)
    http.post(callback_url(callback.order_id), json={"detail": "no"}, status=409)

    callback_deliver_due()

    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    assert not payment.transactions.filter(kind=TransactionKind.REFUND).exists()
