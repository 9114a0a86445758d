"""The order status machine: the statuses and every legal transition, in one place.

DESIGN.md §5: `pending_payment -> paid | payment_failed`, `pending_payment |
payment_failed -> cancelled`, staff move `paid -> shipped -> delivered`, a refund
moves `paid | shipped | delivered -> refunded`. Anything else is illegal (409).
"""

from django.db import models


class OrderStatus(models.TextChoices):
    PENDING_PAYMENT = "pending_payment", "Pending payment"
    PAID = "paid", "Paid"
    PAYMENT_FAILED = "payment_failed", "Payment failed"
    CANCELLED = "cancelled", "Cancelled"
    SHIPPED = "shipped", "Shipped"
    DELIVERED = "delivered", "Delivered"
    REFUNDED = "refunded", "Refunded"


TRANSITIONS: dict[str, frozenset[str]] = {
    OrderStatus.PENDING_PAYMENT: frozenset(
        {OrderStatus.PAID, OrderStatus.PAYMENT_FAILED, OrderStatus.CANCELLED}
    ),
    OrderStatus.PAYMENT_FAILED: frozenset({OrderStatus.CANCELLED}),
    OrderStatus.PAID: frozenset({OrderStatus.SHIPPED, OrderStatus.REFUNDED}),
    OrderStatus.SHIPPED: frozenset({OrderStatus.DELIVERED, OrderStatus.REFUNDED}),
    OrderStatus.DELIVERED: frozenset({OrderStatus.REFUNDED}),
    OrderStatus.CANCELLED: frozenset(),
    OrderStatus.REFUNDED: frozenset(),
}

# The statuses staff set by hand (API `POST /order/{id}/status` and the admin
# actions); payment outcomes and cancellation have their own entry points.
STAFF_TARGETS: tuple[str, ...] = (OrderStatus.SHIPPED, OrderStatus.DELIVERED)

# Orders still awaiting their money: they hold reserved stock, count against
# a user's limit of unpaid orders and expire (services.order_expire_due).
UNPAID_STATUSES: tuple[str, ...] = (OrderStatus.PENDING_PAYMENT, OrderStatus.PAYMENT_FAILED)

# Leaving these statuses puts the reserved stock back: the goods never left.
STOCK_RETURNED_FROM: frozenset[str] = frozenset(
    {OrderStatus.PENDING_PAYMENT, OrderStatus.PAYMENT_FAILED, OrderStatus.PAID}
)


# Orders whose money the shop keeps: paid and not (yet) refunded or
# cancelled. The staff dashboard's revenue and best sellers count only these.
SOLD_STATUSES: tuple[str, ...] = (OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED)


def transition_allowed(*, from_status: str, to_status: str) -> bool:
    """Returns True when the machine allows moving from `from_status` to `to_status`."""
    return to_status in TRANSITIONS.get(from_status, frozenset())


def stock_returns(*, from_status: str, to_status: str) -> bool:
    """Returns True when this transition gives the reserved stock back to the
    catalog: a cancellation, or a refund of an order that had not shipped."""
    return (
        to_status in (OrderStatus.CANCELLED, OrderStatus.REFUNDED)
        and from_status in STOCK_RETURNED_FROM
    )
