import uuid
from datetime import date

import pytest
from django.db import DatabaseError

from payments import selectors, services
from payments.cards import Card
from payments.clients import order as order_client
from payments.exceptions import OrderAlreadyPaid, PaymentInProgress
from payments.models import (
    CallbackOutbox,
    CallbackStatus,
    Payment,
    PaymentStatus,
    PaymentTransaction,
)
from payments.tests.conftest import GOOD_CARD, callback_url
from payments.tests.factories import PaymentFactory, payment_succeeded_create

pytestmark = pytest.mark.django_db


def card(number: str = GOOD_CARD) -> Card:
    return Card(number=number, exp_month=12, exp_year=date.today().year + 2, cvc="123")


def pay(*, user_id, order_id, idempotency_key=None):
    return services.payment_pay(
        user_id=user_id,
        token="user-token",
        order_id=order_id,
        card=card(),
        idempotency_key=idempotency_key,
    )


def test_when_the_outcome_cannot_be_written_the_payment_stays_on_record_as_processing(
    customer_id, order_stub, monkeypatch
):
    order_id = uuid.uuid4()
    order_stub(order_id)

    def broken_create(**kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(CallbackOutbox.objects, "create", broken_create)

    with pytest.raises(DatabaseError):
        pay(user_id=customer_id, order_id=order_id)

    # The card was charged, so the attempt stays on record; its outcome, its
    # transactions and its callback were written together or not at all.
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.PROCESSING
    assert not PaymentTransaction.objects.exists()
    assert not CallbackOutbox.objects.exists()


def test_a_payment_recorded_as_processing_blocks_another_attempt_with_a_conflict(
    customer_id, order_stub
):
    order_id = uuid.uuid4()
    order_stub(order_id)
    PaymentFactory(order_id=order_id, user_id=customer_id, status=PaymentStatus.PROCESSING)

    with pytest.raises(PaymentInProgress):
        pay(user_id=customer_id, order_id=order_id)

    assert Payment.objects.count() == 1


def test_replaying_the_key_of_a_payment_left_processing_is_a_conflict_not_a_second_charge(
    customer_id, order_stub
):
    order_id = uuid.uuid4()
    order_stub(order_id)
    PaymentFactory(
        order_id=order_id,
        user_id=customer_id,
        status=PaymentStatus.PROCESSING,
        idempotency_key="stuck",
    )

    with pytest.raises(PaymentInProgress):
        pay(user_id=customer_id, order_id=order_id, idempotency_key="stuck")

    assert Payment.objects.count() == 1
    assert not PaymentTransaction.objects.exists()


def test_a_concurrent_request_with_the_same_key_ends_with_the_one_payment(
    customer_id, order_stub, monkeypatch
):
    order_id = uuid.uuid4()
    order_stub(order_id)
    winner = payment_succeeded_create(
        order_id=order_id, user_id=customer_id, idempotency_key="race"
    )
    real_by_key = selectors.payment_get_by_idempotency_key
    real_for_order = selectors.payment_get_for_order
    # This request looked before the winner committed and saw nothing.
    looks = {"by_key": 0, "for_order": 0}

    def by_key_late(**kwargs):
        looks["by_key"] += 1
        return None if looks["by_key"] == 1 else real_by_key(**kwargs)

    def for_order_late(**kwargs):
        looks["for_order"] += 1
        return None if looks["for_order"] == 1 else real_for_order(**kwargs)

    monkeypatch.setattr(selectors, "payment_get_by_idempotency_key", by_key_late)
    monkeypatch.setattr(selectors, "payment_get_for_order", for_order_late)

    payment = pay(user_id=customer_id, order_id=order_id, idempotency_key="race")

    assert payment.pk == winner.pk
    assert Payment.objects.count() == 1


def test_a_concurrent_payment_of_the_same_order_loses_with_a_conflict(
    customer_id, order_stub, monkeypatch
):
    order_id = uuid.uuid4()
    order_stub(order_id)
    payment_succeeded_create(order_id=order_id, user_id=customer_id)
    real_for_order = selectors.payment_get_for_order
    looks = {"n": 0}

    def for_order_late(**kwargs):
        looks["n"] += 1
        return None if looks["n"] == 1 else real_for_order(**kwargs)

    monkeypatch.setattr(selectors, "payment_get_for_order", for_order_late)

    with pytest.raises(OrderAlreadyPaid):
        pay(user_id=customer_id, order_id=order_id)

    assert Payment.objects.count() == 1


def test_after_commit_the_callback_is_tried_at_once(
    customer_id, order_stub, http, django_capture_on_commit_callbacks
):
    order_id = uuid.uuid4()
    order_stub(order_id)
    http.post(callback_url(order_id), json={"order_id": str(order_id), "status": "paid"})

    with django_capture_on_commit_callbacks(execute=True):
        pay(user_id=customer_id, order_id=order_id)

    callback = CallbackOutbox.objects.get()
    assert callback.status == CallbackStatus.DELIVERED
    assert callback.attempts == 1


def test_when_the_immediate_try_fails_the_callback_stays_pending_for_the_worker(
    customer_id, order_stub, http, django_capture_on_commit_callbacks
):
    order_id = uuid.uuid4()
    order_stub(order_id)
    http.post(callback_url(order_id), status=503)

    with django_capture_on_commit_callbacks(execute=True):
        payment = pay(user_id=customer_id, order_id=order_id)

    assert payment.status == "succeeded"
    callback = CallbackOutbox.objects.get()
    assert callback.status == CallbackStatus.PENDING
    assert callback.attempts == 1


@pytest.mark.django_db(transaction=True)
def test_an_unexpected_error_in_the_immediate_try_is_logged_and_the_payment_stands(
    customer_id, order_stub, monkeypatch, caplog
):
    order_id = uuid.uuid4()
    order_stub(order_id)

    def broken_notify(**kwargs):
        raise RuntimeError("a bug in the sender")

    monkeypatch.setattr(order_client, "order_payment_notify", broken_notify)

    payment = pay(user_id=customer_id, order_id=order_id)

    assert payment.status == PaymentStatus.SUCCEEDED
    callback = CallbackOutbox.objects.get()
    assert callback.status == CallbackStatus.PENDING
    assert "a bug in the sender" in caplog.text


def test_the_immediate_try_can_be_switched_off(
    customer_id, order_stub, http, settings, django_capture_on_commit_callbacks
):
    settings.PAYMENT_CALLBACK_INLINE_DELIVERY = False
    order_id = uuid.uuid4()
    order_stub(order_id)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        pay(user_id=customer_id, order_id=order_id)

    assert callbacks == []
    assert CallbackOutbox.objects.get().attempts == 0
