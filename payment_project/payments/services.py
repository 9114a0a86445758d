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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from decimal import Decimal
from http import HTTPStatus

import requests
from django.conf import settings
from django.db import IntegrityError, connection, transaction
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
    PaymentInProgress,
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


@contextmanager
def _order_payment_lock(*, order_id: uuid.UUID) -> Iterator[None]:
    """Holds a PostgreSQL advisory lock named after the order while its
    payment is recorded, charged and settled, so requests paying one order
    take turns and the next one finds the payment the first one settled.

    A session lock, not a transaction one: it must outlive the commit of the
    `processing` row. If the worker dies, the lock goes with its connection."""
    key = int.from_bytes(order_id.bytes[:8], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [key])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def _payment_settled(*, payment: Payment) -> Payment:
    """Returns `payment` once no request is charging it: a `processing` one is
    read again after the request holding its order's lock has finished (it
    stays `processing` only if that request died mid-charge)."""
    if payment.status != PaymentStatus.PROCESSING:
        return payment
    with _order_payment_lock(order_id=payment.order_id):
        return selectors.payment_get_for_order(order_id=payment.order_id) or payment


def _payment_replay_or_conflict(
    *, existing: Payment, user_id: str, order_id: uuid.UUID, idempotency_key: str | None
) -> Payment:
    """Returns `existing`, settled, when this request repeats the one that
    made it; raises the conflict that explains why the order cannot be paid
    otherwise."""
    if idempotency_key and (
        str(existing.user_id) == str(user_id).lower()
        and existing.idempotency_key == idempotency_key
    ):
        if existing.order_id != order_id:
            raise IdempotencyKeyReused()
        existing = _payment_settled(payment=existing)
        if existing.status != PaymentStatus.PROCESSING:
            return existing
    if existing.status == PaymentStatus.PROCESSING:
        raise PaymentInProgress()
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


def _payment_settle(
    *, payment: Payment, status: str, steps: list[tuple[str, str]]
) -> CallbackOutbox:
    """Records the processor's answer on a `processing` payment, with its
    transactions and the callback reporting it, in one transaction; returns
    the callback."""
    with transaction.atomic():
        payment.status = status
        payment.save(update_fields=["status", "updated_at"])
        PaymentTransaction.objects.bulk_create(
            PaymentTransaction(payment=payment, kind=kind, amount=payment.amount, status=step)
            for kind, step in steps
        )
        return _callback_enqueue(payment=payment, status=status)


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

    No card is charged without a payment on record: the payment is committed
    as `processing` before the processor is called, then settled with the
    outcome, its transactions and the callback in one transaction. Requests
    paying one order take turns (`_order_payment_lock`), and the one payment
    per order means only the first of them reaches the processor. Must not be
    called inside a transaction, which would hold the `processing` row back.

    The same `idempotency_key` again returns the same payment (once settled).
    Raises `OrderNotFound`, a `PaymentConflict`, or `ServiceUnavailable` when
    the order service cannot be asked (then nothing is written)."""
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
    with _order_payment_lock(order_id=order_id):
        existing = selectors.payment_get_for_order(order_id=order_id)
        if existing is not None:
            return _payment_replay_or_conflict(
                existing=existing,
                user_id=user_id,
                order_id=order_id,
                idempotency_key=idempotency_key,
            )
        if order.status != ORDER_PENDING_PAYMENT:
            raise OrderNotAwaitingPayment()

        processor = processor_get()
        try:
            with transaction.atomic():
                payment = Payment.objects.create(
                    order_id=order_id,
                    user_id=user_id,
                    amount=order.total,
                    currency=order.currency,
                    status=PaymentStatus.PROCESSING,
                    provider=processor.provider,
                    card_last4=card.last4,
                    idempotency_key=idempotency_key or None,
                )
        except IntegrityError:
            # This key was used first by a concurrent request of this user
            # (for another order, since this order's lock is ours), or the
            # order was paid by a request that did not take the lock.
            existing = (
                idempotency_key
                and selectors.payment_get_by_idempotency_key(
                    user_id=user_id, idempotency_key=idempotency_key
                )
            ) or selectors.payment_get_for_order(order_id=order_id)
            if existing is None:
                raise
            return _payment_replay_or_conflict(
                existing=existing,
                user_id=user_id,
                order_id=order_id,
                idempotency_key=idempotency_key,
            )
        # Committed: from here on, whatever happens, the attempt is on record.
        status, steps = _payment_charge(
            processor=processor, card=card, amount=payment.amount, currency=payment.currency
        )
        callback = _payment_settle(payment=payment, status=status, steps=steps)
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
        # itself is already committed. A function, not a functools.partial:
        # Django names the failed hook by its __qualname__ when it logs it.
        def callback_deliver_now() -> None:
            callback_deliver(callback_id=callback_id)

        transaction.on_commit(callback_deliver_now, robust=True)


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
