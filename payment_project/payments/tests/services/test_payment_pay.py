import uuid
from datetime import date

import pytest
from django.db import DatabaseError

from payments import selectors, services
from payments.cards import Card
from payments.exceptions import OrderAlreadyPaid
from payments.models import CallbackOutbox, CallbackStatus, Payment, PaymentTransaction
from payments.tests.conftest import GOOD_CARD, callback_url
from payments.tests.factories import payment_succeeded_create

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


def test_when_the_outbox_row_cannot_be_written_no_payment_is_kept(
    customer_id, order_stub, monkeypatch
):
    order_id = uuid.uuid4()
    order_stub(order_id)

    def broken_create(**kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(CallbackOutbox.objects, "create", broken_create)

    with pytest.raises(DatabaseError):
        pay(user_id=customer_id, order_id=order_id)

    assert not Payment.objects.exists()
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
