"""Writes of the order domain: checkout, status changes, cancellation,
payment outcomes and the expiry of unpaid orders. Every status change goes
through `order_status_change`."""

import datetime
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from addresses.selectors import address_shipping_snapshot
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from orders import status
from orders.clients.cart import CartLine, cart_clear, cart_get
from orders.clients.catalog import (
    CatalogProduct,
    catalog_products_get,
    catalog_reservation_create,
    catalog_reservation_release,
)
from orders.exceptions import (
    CartEmpty,
    OrderNotFound,
    OrderStatusIllegal,
    OrderTooLarge,
    PaymentMismatch,
    StockUnavailable,
    UnpaidOrdersLimit,
    WebhookSignatureUsed,
)
from orders.models import AcceptedCallbackSignature, Order, OrderEvent, OrderLine
from orders.pricing import MONEY_MAX, line_total_calculate, order_total_calculate
from orders.status import UNPAID_STATUSES, OrderStatus
from shop_common.errors import ServiceUnavailable
from shop_common.webhooks import DEFAULT_TOLERANCE_SECONDS, WebhookSignature

logger = logging.getLogger(__name__)

PAYMENT_ACTOR = "service:payment"
# The expiry of unpaid orders (DESIGN.md §5: "cancelled by the system").
SYSTEM_ACTOR = "system"

# How many unpaid orders (status.UNPAID_STATUSES) one user may hold at once.
UNPAID_ORDERS_MAX = 5

# First key of pg_advisory_xact_lock(int, int) for a user's unpaid orders
# ("ordr" in ASCII; the address book uses "addr"); the second is a hash of
# the user id.
_UNPAID_ORDERS_LOCK = 0x6F726472

# An accepted signature is kept while it could pass the freshness check again
# (its timestamp within DEFAULT_TOLERANCE_SECONDS of now), plus a minute for
# the clocks of the worker that prunes and the web process that checks.
SIGNATURE_KEEP_SECONDS = DEFAULT_TOLERANCE_SECONDS + 60

# What each payment callback outcome moves the order to.
PAYMENT_SUCCEEDED = "succeeded"
PAYMENT_FAILED = "failed"
PAYMENT_REFUNDED = "refunded"
PAYMENT_OUTCOMES: dict[str, str] = {
    PAYMENT_SUCCEEDED: OrderStatus.PAID,
    PAYMENT_FAILED: OrderStatus.PAYMENT_FAILED,
    PAYMENT_REFUNDED: OrderStatus.REFUNDED,
}
PAYMENT_OUTCOME_VALUES: tuple[str, ...] = tuple(PAYMENT_OUTCOMES)


@dataclass(frozen=True)
class LineDraft:
    product_id: uuid.UUID
    sku: str
    name: str
    unit_price: Decimal
    quantity: int
    line_total: Decimal


def order_lines_price(
    *, cart_lines: list[CartLine], products: dict[uuid.UUID, CatalogProduct]
) -> list[LineDraft]:
    """Returns the lines priced with the catalog's current prices.

    Raises StockUnavailable listing every product that is gone, inactive or
    short of stock, so the customer sees them all at once."""
    unavailable = [
        line.product_id
        for line in cart_lines
        if line.product_id not in products
        or not products[line.product_id].is_active
        or products[line.product_id].stock < line.quantity
    ]
    if unavailable:
        raise StockUnavailable(unavailable=unavailable)
    drafts = []
    for line in cart_lines:
        product = products[line.product_id]
        drafts.append(
            LineDraft(
                product_id=product.id,
                sku=product.sku,
                name=product.name,
                unit_price=product.price,
                quantity=line.quantity,
                line_total=line_total_calculate(unit_price=product.price, quantity=line.quantity),
            )
        )
    return drafts


def order_save(
    *,
    order_id: uuid.UUID,
    user_id: uuid.UUID | str,
    email: str,
    actor: str,
    shipping_address: dict,
    idempotency_key: str | None,
    lines: list[LineDraft],
    total: Decimal,
) -> Order:
    """Writes the order, its lines and its first event in one transaction,
    holding the user's unpaid-orders lock. Raises UnpaidOrdersLimit (409),
    writing nothing, when the user already holds UNPAID_ORDERS_MAX unpaid
    orders (a concurrent checkout may have saved one since the early check)."""
    with transaction.atomic():
        _unpaid_orders_lock(user_id=user_id)
        _unpaid_orders_check(user_id=user_id)
        order = Order.objects.create(
            id=order_id,
            user_id=user_id,
            email=email.lower(),
            status=OrderStatus.PENDING_PAYMENT,
            total=total,
            currency=settings.SHOP_CURRENCY,
            shipping_address=shipping_address,
            idempotency_key=idempotency_key,
        )
        OrderLine.objects.bulk_create(
            OrderLine(
                order=order,
                position=position,
                product_id=line.product_id,
                sku=line.sku,
                name=line.name,
                unit_price=line.unit_price,
                quantity=line.quantity,
                line_total=line.line_total,
            )
            for position, line in enumerate(lines)
        )
        OrderEvent.objects.create(
            order=order,
            from_status=None,
            to_status=OrderStatus.PENDING_PAYMENT,
            actor=actor,
            note="Order placed.",
        )
    return order


def _unpaid_orders_lock(*, user_id: uuid.UUID | str) -> None:
    # Inside a transaction only: released at its commit or rollback. Every
    # spelling of one UUID takes one lock.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s::integer, hashtext(%s))",
            [_UNPAID_ORDERS_LOCK, str(uuid.UUID(str(user_id)))],
        )


def _unpaid_orders_check(*, user_id: uuid.UUID | str) -> None:
    unpaid = Order.objects.filter(user_id=user_id, status__in=UNPAID_STATUSES).count()
    if unpaid >= UNPAID_ORDERS_MAX:
        raise UnpaidOrdersLimit(limit=UNPAID_ORDERS_MAX)


def _order_by_idempotency_key(*, user_id: uuid.UUID | str, key: str) -> Order | None:
    return Order.objects.filter(user_id=user_id, idempotency_key=key).first()


def _reservation_release_quietly(*, order_id: uuid.UUID) -> None:
    # Called while another error is on its way to the client: a release that
    # fails too must not replace that error. The reservation stays keyed by the
    # order id, so it can be released later by hand or by the catalog's expiry.
    try:
        catalog_reservation_release(order_id=order_id)
    except ServiceUnavailable:
        logger.error("stock reservation of unsaved order %s could not be released", order_id)


def order_create(
    *,
    user_id: uuid.UUID | str,
    email: str,
    actor: str,
    user_token: str,
    shipping_address: dict | None = None,
    address_id: uuid.UUID | str | None = None,
    idempotency_key: str | None = None,
) -> tuple[Order, bool]:
    """Checks out the user's cart: reads it, prices it with the catalog, reserves
    the stock, saves the order and empties the cart.

    The order ships to `shipping_address` or to a copy of the user's saved
    address `address_id` (exactly one of the two), so later edits of the saved
    address never change the order.

    Returns `(order, created)`; `created` is False when `idempotency_key` was
    already used by this user, in which case the first order is returned and
    nothing is reserved (nor the address looked up, nor the unpaid orders
    counted). Raises UnpaidOrdersLimit (409) when the user already holds
    UNPAID_ORDERS_MAX unpaid orders and AddressNotFound (404), both before the
    cart or catalog is called; CartEmpty, StockUnavailable, OrderTooLarge or
    ServiceUnavailable; each with nothing reserved and nothing written.

    The limit is checked first without a lock, so a sixth order is refused
    before anything is reserved, then again under the user's advisory lock in
    the transaction that saves the order: of concurrent checkouts past the
    limit, the late ones release what they reserved and are refused."""
    if (shipping_address is None) == (address_id is None):
        raise TypeError("order_create takes exactly one of shipping_address and address_id")
    if idempotency_key:
        existing = _order_by_idempotency_key(user_id=user_id, key=idempotency_key)
        if existing is not None:
            return existing, False
    _unpaid_orders_check(user_id=user_id)

    if address_id is not None:
        shipping_address = address_shipping_snapshot(address_id=address_id, user_id=user_id)

    cart_lines = cart_get(token=user_token)
    if not cart_lines:
        raise CartEmpty()
    products = catalog_products_get(ids=[line.product_id for line in cart_lines])
    lines = order_lines_price(cart_lines=cart_lines, products=products)
    total = order_total_calculate(line_totals=[line.line_total for line in lines])
    if total > MONEY_MAX:
        raise OrderTooLarge()

    # The reservation is keyed by this id: a retry of any step below reuses or
    # releases exactly this reservation and never takes stock twice.
    order_id = uuid.uuid4()
    try:
        catalog_reservation_create(
            order_id=order_id, items=[(line.product_id, line.quantity) for line in lines]
        )
    except StockUnavailable:
        raise  # refused as a whole: nothing was reserved
    except BaseException:
        # A timeout may hide a reservation the catalog did make.
        _reservation_release_quietly(order_id=order_id)
        raise

    try:
        order = order_save(
            order_id=order_id,
            user_id=user_id,
            email=email,
            actor=actor,
            shipping_address=shipping_address,
            idempotency_key=idempotency_key,
            lines=lines,
            total=total,
        )
    except (IntegrityError, UnpaidOrdersLimit):
        _reservation_release_quietly(order_id=order_id)
        winner = (
            _order_by_idempotency_key(user_id=user_id, key=idempotency_key)
            if idempotency_key
            else None
        )
        if winner is None:
            raise
        # A concurrent request with the same key won the race (and may have
        # been the order that reached the limit): answer its order.
        return winner, False
    except BaseException:
        _reservation_release_quietly(order_id=order_id)
        raise

    # The order stands once saved: a cart left full is an annoyance, not a
    # reason to fail (and retry) a checkout whose stock is already reserved.
    try:
        cart_clear(token=user_token)
    except ServiceUnavailable:
        logger.warning("cart of user %s not emptied after order %s", user_id, order.id)
    return order, True


def order_status_change(*, order: Order, to_status: str, actor: str, note: str = "") -> Order:
    """Moves the order to `to_status` if the status machine allows it and
    records the event, in one transaction with the order row locked.

    Returns the updated order. Raises OrderStatusIllegal (409) otherwise."""
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if not status.transition_allowed(from_status=locked.status, to_status=to_status):
            raise OrderStatusIllegal(from_status=locked.status, to_status=to_status)
        OrderEvent.objects.create(
            order=locked, from_status=locked.status, to_status=to_status, actor=actor, note=note
        )
        locked.status = to_status
        locked.save(update_fields=["status", "updated_at"])
    order.status = locked.status
    order.updated_at = locked.updated_at
    return locked


def _order_lock(*, order_id: uuid.UUID) -> Order:
    try:
        return Order.objects.select_for_update().get(pk=order_id)
    except Order.DoesNotExist as exc:
        raise OrderNotFound() from exc


def order_staff_status_set(*, order: Order, to_status: str, actor: str, note: str = "") -> Order:
    """Staff's hand moves (ship, deliver). Returns the updated order; raises
    OrderStatusIllegal for any other target or an illegal transition."""
    if to_status not in status.STAFF_TARGETS:
        raise OrderStatusIllegal(from_status=order.status, to_status=to_status)
    return order_status_change(order=order, to_status=to_status, actor=actor, note=note)


def order_cancel(*, order: Order, actor: str, note: str = "") -> Order:
    """Cancels an order awaiting or having failed payment and puts its stock back.

    The release happens inside the transaction of the change: if the catalog
    cannot be reached the cancellation is rolled back (503) and can be retried,
    so a cancelled order never keeps stock. Raises OrderStatusIllegal (409)."""
    with transaction.atomic():
        changed = order_status_change(
            order=order, to_status=OrderStatus.CANCELLED, actor=actor, note=note or "Cancelled."
        )
        catalog_reservation_release(order_id=changed.id)
    return changed


def order_payment_apply(
    *, order_id: uuid.UUID, payment_id: uuid.UUID, outcome: str, amount: Decimal
) -> Order:
    """Applies the payment service's callback: `succeeded` -> paid, `failed` ->
    payment_failed, `refunded` (full refunds only) -> refunded, putting the
    stock back only for an order that had not shipped.

    Idempotent: the same payment and outcome on an order already in the target
    status changes nothing. Raises OrderNotFound, PaymentMismatch (amount or
    payment differs) and OrderStatusIllegal (e.g. a paid order never fails)."""
    to_status = PAYMENT_OUTCOMES[outcome]
    with transaction.atomic():
        order = _order_lock(order_id=order_id)
        if amount != order.total:
            raise PaymentMismatch(
                f"The amount {amount} differs from the order total {order.total}."
            )
        settled_by_other = order.payment_id is not None and order.payment_id != payment_id
        if outcome == PAYMENT_REFUNDED and settled_by_other:
            raise PaymentMismatch("The refund is not for the payment that paid this order.")
        if order.status == to_status:
            if settled_by_other:
                raise PaymentMismatch("The order was settled by another payment.")
            return order
        from_status = order.status
        order = order_status_change(
            order=order,
            to_status=to_status,
            actor=PAYMENT_ACTOR,
            note=f"Payment {payment_id} {outcome}.",
        )
        if outcome != PAYMENT_REFUNDED:
            order.payment_id = payment_id
            order.save(update_fields=["payment_id", "updated_at"])
        elif status.stock_returns(from_status=from_status, to_status=to_status):
            catalog_reservation_release(order_id=order.id)
    return order


def _signed_at(signature: WebhookSignature) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(signature.timestamp, tz=datetime.UTC)


def order_payment_callback_apply(
    *,
    signature: WebhookSignature,
    order_id: uuid.UUID,
    payment_id: uuid.UUID,
    outcome: str,
    amount: Decimal,
) -> Order:
    """Applies a payment callback whose signature verified, once per signature.

    The signature is recorded (`AcceptedCallbackSignature`, unique digest) in
    the transaction that applies the outcome (`order_payment_apply`): a replay
    that races the original waits on the unique index and then fails it.
    Returns the order. Raises WebhookSignatureUsed (401) for a signature
    already accepted, changing nothing; otherwise what `order_payment_apply`
    raises, and then the signature is not kept (nothing was accepted)."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                AcceptedCallbackSignature.objects.create(
                    digest=signature.digest, signed_at=_signed_at(signature), order_id=order_id
                )
        except IntegrityError as exc:
            raise WebhookSignatureUsed() from exc
        return order_payment_apply(
            order_id=order_id, payment_id=payment_id, outcome=outcome, amount=amount
        )


def callback_signatures_prune(*, now: datetime.datetime | None = None) -> int:
    """Deletes the accepted signatures that could no longer pass the freshness
    check (timestamp older than SIGNATURE_KEEP_SECONDS); returns how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(seconds=SIGNATURE_KEEP_SECONDS)
    deleted, _ = AcceptedCallbackSignature.objects.filter(signed_at__lt=cutoff).delete()
    return deleted


# --- expiry of unpaid orders ----------------------------------------------


@dataclass(frozen=True)
class ExpiryPass:
    """What one pass of `order_expire_due` did."""

    expired: int
    failed: int


def _timeout_text(seconds: int) -> str:
    if seconds % 60 == 0:
        minutes = seconds // 60
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{seconds} seconds"


def order_expire_due(
    *,
    now: datetime.datetime | None = None,
    limit: int = 50,
    should_stop: Callable[[], bool] | None = None,
) -> ExpiryPass:
    """Cancels, as `system`, up to `limit` orders left unpaid (pending_payment
    or payment_failed) for longer than `ORDER_PAYMENT_TIMEOUT_SECONDS` since
    they were placed, oldest first, and puts their stock back at the catalog.

    Each order is taken with `SELECT ... FOR UPDATE SKIP LOCKED` and cancelled
    through `order_cancel` (event, release) in its own transaction, so several
    workers never cancel one order twice, and a customer's cancel or a
    payment callback arriving at the same moment is serialised on the row
    lock. An order whose stock cannot be released (catalog unreachable) stays
    as it was, is skipped for the rest of the pass and counted in `failed`.
    `should_stop` is asked between orders. Returns how many expired and failed."""
    current = now or timezone.now()
    timeout = settings.ORDER_PAYMENT_TIMEOUT_SECONDS
    cutoff = current - datetime.timedelta(seconds=timeout)
    note = f"Not paid within {_timeout_text(timeout)}."
    expired = 0
    failed: set[uuid.UUID] = set()
    while expired + len(failed) < limit and not (should_stop and should_stop()):
        order = None
        try:
            with transaction.atomic():
                order = (
                    Order.objects.select_for_update(skip_locked=True)
                    .filter(status__in=UNPAID_STATUSES, created_at__lt=cutoff)
                    .exclude(pk__in=failed)
                    .order_by("created_at", "id")
                    .first()
                )
                if order is None:
                    break
                order_cancel(order=order, actor=SYSTEM_ACTOR, note=note)
        except ServiceUnavailable:
            logger.warning("unpaid order %s not expired: its stock could not be released", order.id)
            failed.add(order.id)
            continue
        expired += 1
        logger.info("unpaid order %s expired (placed %s)", order.id, order.created_at.isoformat())
    return ExpiryPass(expired=expired, failed=len(failed))
