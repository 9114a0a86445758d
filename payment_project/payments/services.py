"""Writes: paying an order, refunding a payment, and delivering the callbacks
that tell the order service about both.

A payment change and the callback reporting it are written in one database
transaction (the outbox), so the order service hears of every payment even
when it is down at the time: `callback_deliver_due` retries with exponential
backoff until it answers.
"""

import json
import logging
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal
from functools import partial
from http import HTTPStatus

import requests
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from payments import selectors
from payments.cards import Card
from payments.clients import order as order_client
from payments.exceptions import (
    IdempotencyKeyReused,
    NothingToRefund,
    OrderAlreadyPaid,
    OrderNotAwaitingPayment,
    OrderNotFound,
    OrderPaymentAlreadyFailed,
    PaymentDeclined,
    PaymentNotFound,
)
from payments.models import (
    CallbackOutbox,
    CallbackStatus,
    Payment,
    PaymentStatus,
    PaymentTransaction,
    TransactionKind,
    TransactionStatus,
)
from payments.processor import PaymentProcessor, processor_get
from shop_common.errors import ServiceUnavailable
from shop_common.request_id import request_id_get, request_id_set

logger = logging.getLogger(__name__)

# The order status in which an order can be paid (the order service's).
ORDER_PENDING_PAYMENT = "pending_payment"

# Answers that mean "try again later" although they are 4xx.
_RETRYABLE_STATUS_CODES = frozenset({408, 429})
_ERROR_TEXT_LIMIT = 500


# --- paying -------------------------------------------------------------


def _payment_replay_or_conflict(
    *, existing: Payment, user_id: str, order_id: uuid.UUID, idempotency_key: str | None
) -> Payment:
    """Returns `existing` when this request repeats the one that made it;
    raises the conflict that explains why the order cannot be paid otherwise."""
    if idempotency_key and (
        str(existing.user_id) == str(user_id).lower()
        and existing.idempotency_key == idempotency_key
    ):
        if existing.order_id != order_id:
            raise IdempotencyKeyReused()
        return existing
    if existing.status == PaymentStatus.FAILED:
        raise OrderPaymentAlreadyFailed()
    raise OrderAlreadyPaid()


def _payment_charge(
    *, processor: PaymentProcessor, card: Card, amount: Decimal, currency: str
) -> tuple[str, list[tuple[str, str]]]:
    """Runs the card through the processor; returns the payment status and the
    `(kind, status)` of each processor step."""
    try:
        processor.authorize(card=card, amount=amount, currency=currency)
    except PaymentDeclined as exc:
        logger.info("card ending %s declined: %s", card.last4, exc.code)
        return PaymentStatus.FAILED, [(TransactionKind.AUTHORIZE, TransactionStatus.FAILED)]
    processor.capture(amount=amount, currency=currency)
    return PaymentStatus.SUCCEEDED, [
        (TransactionKind.AUTHORIZE, TransactionStatus.SUCCEEDED),
        (TransactionKind.CAPTURE, TransactionStatus.SUCCEEDED),
    ]


def payment_pay(
    *,
    user_id: str,
    token: str,
    order_id: uuid.UUID,
    card: Card,
    idempotency_key: str | None = None,
) -> Payment:
    """Pays the user's order with `card` and returns the payment, `succeeded`
    or `failed` (declined). The amount is the order's total as the order
    service states it.

    The same `idempotency_key` again returns the same payment. Raises
    `OrderNotFound`, a `PaymentConflict`, or `ServiceUnavailable` when the
    order service cannot be asked (then nothing is written)."""
    if idempotency_key:
        existing = selectors.payment_get_by_idempotency_key(
            user_id=user_id, idempotency_key=idempotency_key
        )
        if existing is not None:
            return _payment_replay_or_conflict(
                existing=existing,
                user_id=user_id,
                order_id=order_id,
                idempotency_key=idempotency_key,
            )

    order = order_client.order_get(order_id=order_id, token=token)
    # Admins may read any order, but a payment is always the payer's own.
    if order is None or (
        order.user_id is not None and order.user_id.lower() != str(user_id).lower()
    ):
        raise OrderNotFound()
    existing = selectors.payment_get_for_order(order_id=order_id)
    if existing is not None:
        return _payment_replay_or_conflict(
            existing=existing, user_id=user_id, order_id=order_id, idempotency_key=idempotency_key
        )
    if order.status != ORDER_PENDING_PAYMENT:
        raise OrderNotAwaitingPayment()

    processor = processor_get()
    status, steps = _payment_charge(
        processor=processor, card=card, amount=order.total, currency=order.currency
    )
    try:
        with transaction.atomic():
            payment = Payment.objects.create(
                order_id=order_id,
                user_id=user_id,
                amount=order.total,
                currency=order.currency,
                status=status,
                provider=processor.provider,
                card_last4=card.last4,
                idempotency_key=idempotency_key or None,
            )
            PaymentTransaction.objects.bulk_create(
                PaymentTransaction(payment=payment, kind=kind, amount=order.total, status=step)
                for kind, step in steps
            )
            callback = _callback_enqueue(payment=payment, status=status)
    except IntegrityError:
        # A concurrent request paid this order, or used this key, first.
        existing = (
            idempotency_key
            and selectors.payment_get_by_idempotency_key(
                user_id=user_id, idempotency_key=idempotency_key
            )
        ) or selectors.payment_get_for_order(order_id=order_id)
        if existing is None:
            raise
        return _payment_replay_or_conflict(
            existing=existing, user_id=user_id, order_id=order_id, idempotency_key=idempotency_key
        )
    logger.info(
        "payment %s for order %s: %s, %s %s",
        payment.id,
        order_id,
        status,
        payment.amount,
        payment.currency,
    )
    _callback_deliver_after_commit(callback_id=callback.id)
    return payment


# --- refunding ----------------------------------------------------------


def payment_refund(*, payment_id: uuid.UUID, actor: str) -> PaymentTransaction:
    """Refunds the whole captured amount of a succeeded payment and returns the
    refund transaction; the order service is told through the outbox.

    Raises `PaymentNotFound`, or `NothingToRefund` when the payment failed or
    was refunded already."""
    with transaction.atomic():
        # The row lock makes a second, concurrent refund wait and then see
        # the payment refunded.
        payment = Payment.objects.select_for_update().filter(pk=payment_id).first()
        if payment is None:
            raise PaymentNotFound()
        if payment.status != PaymentStatus.SUCCEEDED:
            raise NothingToRefund()
        refund = _refund_record(payment=payment)
        callback = _callback_enqueue(payment=payment, status=PaymentStatus.REFUNDED)
    logger.info(
        "payment %s refunded by %s: %s %s", payment.id, actor, refund.amount, payment.currency
    )
    _callback_deliver_after_commit(callback_id=callback.id)
    return refund


def _refund_record(*, payment: Payment) -> PaymentTransaction:
    """Refunds a locked, succeeded payment in full at the processor and
    records it; returns the refund transaction."""
    processor_get().refund(amount=payment.amount, currency=payment.currency)
    refund = PaymentTransaction.objects.create(
        payment=payment,
        kind=TransactionKind.REFUND,
        amount=payment.amount,
        status=TransactionStatus.SUCCEEDED,
    )
    payment.status = PaymentStatus.REFUNDED
    payment.save(update_fields=["status", "updated_at"])
    return refund


def _payment_refund_unclaimed(*, payment_id: uuid.UUID) -> None:
    """Gives back a captured payment its order refused (409: the order was
    cancelled while the payment was made, or its total changed). The order
    never took the money, so the order service is not told of this refund."""
    payment = Payment.objects.select_for_update().filter(pk=payment_id).first()
    if payment is None or payment.status != PaymentStatus.SUCCEEDED:
        return
    _refund_record(payment=payment)
    logger.warning(
        "payment %s refunded automatically: order %s refused it",
        payment.id,
        payment.order_id,
    )


# --- callbacks to the order service -------------------------------------


def _callback_enqueue(*, payment: Payment, status: str) -> CallbackOutbox:
    request_id = request_id_get()
    return CallbackOutbox.objects.create(
        payment=payment,
        order_id=payment.order_id,
        body={"payment_id": str(payment.id), "status": status, "amount": str(payment.amount)},
        next_attempt_at=timezone.now(),
        request_id="" if request_id == "-" else request_id,
    )


def _callback_deliver_after_commit(*, callback_id: int) -> None:
    if settings.PAYMENT_CALLBACK_INLINE_DELIVERY:
        # robust: a failure here is logged and left to the worker; the payment
        # itself is already committed.
        transaction.on_commit(partial(callback_deliver, callback_id=callback_id), robust=True)


def callback_backoff_seconds(*, attempts: int) -> float:
    """Returns the wait before the next try after `attempts` failed ones:
    base, 2 x base, 4 x base, ... never more than the cap."""
    base = settings.PAYMENT_CALLBACK_BACKOFF_BASE_SECONDS
    cap = settings.PAYMENT_CALLBACK_BACKOFF_CAP_SECONDS
    return min(base * 2 ** max(attempts - 1, 0), cap)


def _callback_retry_later(*, callback: CallbackOutbox, now: datetime, error: str) -> None:
    delay = callback_backoff_seconds(attempts=callback.attempts)
    callback.next_attempt_at = now + timedelta(seconds=delay)
    callback.last_error = error[:_ERROR_TEXT_LIMIT]
    callback.save(update_fields=["attempts", "next_attempt_at", "last_error", "updated_at"])
    logger.warning(
        "callback %s for order %s not delivered (attempt %s): %s; retry in %.1fs",
        callback.id,
        callback.order_id,
        callback.attempts,
        callback.last_error,
        delay,
    )


def _callback_send(*, callback: CallbackOutbox, now: datetime) -> bool:
    """Sends one locked callback and records the outcome; returns True when
    the order service accepted it."""
    previous_request_id = request_id_get()
    request_id_set(callback.request_id or f"callback-{callback.id}")
    try:
        return _callback_send_traced(callback=callback, now=now)
    finally:
        request_id_set(previous_request_id)


def _callback_send_traced(*, callback: CallbackOutbox, now: datetime) -> bool:
    body = json.dumps(callback.body, separators=(",", ":")).encode()
    callback.attempts += 1
    try:
        response: requests.Response = order_client.order_payment_notify(
            order_id=callback.order_id, body=body
        )
    except ServiceUnavailable as exc:
        _callback_retry_later(callback=callback, now=now, error=str(exc.detail))
        return False
    if 200 <= response.status_code < 300:
        callback.status = CallbackStatus.DELIVERED
        callback.delivered_at = now
        callback.last_error = ""
        callback.save(
            update_fields=["status", "attempts", "delivered_at", "last_error", "updated_at"]
        )
        logger.info("callback %s delivered to order %s", callback.id, callback.order_id)
        return True
    error = f"HTTP {response.status_code}: {response.text[:_ERROR_TEXT_LIMIT]}"
    if response.status_code in _RETRYABLE_STATUS_CODES:
        _callback_retry_later(callback=callback, now=now, error=error)
        return False
    # The order service understood and refused (bad signature, unknown order,
    # illegal transition): sending the same bytes again cannot succeed.
    callback.status = CallbackStatus.FAILED
    callback.last_error = error[:_ERROR_TEXT_LIMIT]
    callback.save(update_fields=["status", "attempts", "last_error", "updated_at"])
    if (
        response.status_code == HTTPStatus.CONFLICT
        and callback.body.get("status") == PaymentStatus.SUCCEEDED
    ):
        # Money was captured for an order that will not take it: never keep it.
        _payment_refund_unclaimed(payment_id=callback.payment_id)
    logger.error(
        "callback %s for order %s refused permanently: %s",
        callback.id,
        callback.order_id,
        callback.last_error,
    )
    return False


def callback_deliver(*, callback_id: int, now: datetime | None = None) -> bool:
    """Tries one pending callback now (unless a worker holds it, or an earlier
    callback of its payment is still pending); returns True when it was
    delivered."""
    with transaction.atomic():
        callback = (
            selectors.callback_list_sendable()
            .select_for_update(skip_locked=True)
            .filter(pk=callback_id)
            .first()
        )
        if callback is None:
            return False
        return _callback_send(callback=callback, now=now or timezone.now())


def callback_deliver_due(
    *,
    now: datetime | None = None,
    limit: int = 50,
    should_stop: Callable[[], bool] | None = None,
) -> int:
    """Sends up to `limit` pending callbacks whose time has come, oldest due
    first, and returns how many it tried.

    Each one is sent while its row is locked with SKIP LOCKED, so several
    workers never send the same callback at once, and a payment's callbacks
    go in the order they were made (`selectors.callback_list_sendable`). 2xx
    marks it delivered; a refusal (4xx) marks it failed for good; an
    unreachable order service
    (`ServiceUnavailable`) schedules a retry with exponential backoff.
    `should_stop` is asked between callbacks, to end early on shutdown."""
    tried = 0
    while tried < limit and not (should_stop and should_stop()):
        current = now or timezone.now()
        with transaction.atomic():
            callback = (
                selectors.callback_list_sendable()
                .select_for_update(skip_locked=True)
                .filter(next_attempt_at__lte=current)
                .order_by("next_attempt_at", "id")
                .first()
            )
            if callback is None:
                break
            _callback_send(callback=callback, now=current)
        tried += 1
    return tried


def callback_retry(*, callback_id: int) -> bool:
    """Puts a failed callback back in the queue (after whatever refused it was
    fixed); returns False when it was not failed."""
    updated = CallbackOutbox.objects.filter(pk=callback_id, status=CallbackStatus.FAILED).update(
        status=CallbackStatus.PENDING, next_attempt_at=timezone.now(), updated_at=timezone.now()
    )
    return updated == 1
