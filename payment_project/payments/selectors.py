"""Reads of payments and of the callback outbox. Visibility rules live here: a customer sees only their
own payments, an admin sees all."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from payments.models import CallbackOutbox, CallbackStatus, Payment, PaymentStatus


def payment_list_visible(
    *, user_id: str, is_admin: bool, order_id: uuid.UUID | None = None
) -> QuerySet[Payment]:
    """Returns the payments the user may see, newest first, with their
    transactions prefetched."""
    payments = Payment.objects.prefetch_related("transactions").order_by("-created_at", "id")
    if not is_admin:
        payments = payments.filter(user_id=user_id)
    if order_id is not None:
        payments = payments.filter(order_id=order_id)
    return payments


def payment_get_visible(*, payment_id: uuid.UUID, user_id: str, is_admin: bool) -> Payment | None:
    """Returns the payment if the user may see it, else None (so another user's
    payment is indistinguishable from a missing one)."""
    return payment_list_visible(user_id=user_id, is_admin=is_admin).filter(pk=payment_id).first()


@dataclass(frozen=True)
class PaymentSummary:
    succeeded: int
    failed: int


def payment_summary() -> PaymentSummary:
    """Returns how many payments are now `succeeded` and `failed` (declined),
    in one query. A refunded payment has status `refunded`, so it is in
    neither count (docs/payments.md)."""
    counts = Payment.objects.aggregate(
        succeeded=Count("id", filter=Q(status=PaymentStatus.SUCCEEDED)),
        failed=Count("id", filter=Q(status=PaymentStatus.FAILED)),
    )
    return PaymentSummary(**counts)


def payment_declines_throttled_until(
    *, user_id: str, now: datetime, limit: int, window: timedelta
) -> datetime | None:
    """Returns when the user may pay again, or None if they may now.

    With `limit` or more declined payments made within `window` before `now`,
    the user waits until the `limit`-th most recent of them leaves the window
    (then fewer than `limit` remain); with exactly `limit`, that is the
    oldest. One query on the (user_id, created_at) index."""
    declined_at = (
        Payment.objects.filter(
            user_id=user_id, status=PaymentStatus.FAILED, created_at__gt=now - window
        )
        .order_by("-created_at")
        .values_list("created_at", flat=True)[limit - 1 : limit]
    )
    oldest_that_counts = next(iter(declined_at), None)
    return None if oldest_that_counts is None else oldest_that_counts + window


def payment_get_by_idempotency_key(*, user_id: str, idempotency_key: str) -> Payment | None:
    """Returns the user's payment made with that Idempotency-Key, if any."""
    return (
        Payment.objects.prefetch_related("transactions")
        .filter(user_id=user_id, idempotency_key=idempotency_key)
        .first()
    )


def payment_get_for_order(*, order_id: uuid.UUID) -> Payment | None:
    """Returns the payment attempt of an order, if one was made."""
    return Payment.objects.prefetch_related("transactions").filter(order_id=order_id).first()


def callback_list_sendable() -> QuerySet[CallbackOutbox]:
    """Returns the pending callbacks that may be sent now: those with no
    earlier callback of the same payment still pending.

    The order service must hear a payment's callbacks in the order they were
    made: a `refunded` that overtook a delayed `succeeded` would find the
    order still `pending_payment`, be refused (409) and be failed for good,
    leaving the order paid although the money went back."""
    earlier_pending = CallbackOutbox.objects.filter(
        payment_id=OuterRef("payment_id"),
        status=CallbackStatus.PENDING,
        id__lt=OuterRef("id"),
    )
    return CallbackOutbox.objects.filter(status=CallbackStatus.PENDING).exclude(
        Exists(earlier_pending)
    )
