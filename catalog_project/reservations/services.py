"""Stock reservations for orders (DESIGN.md §5 and flow 3).

All or nothing, safe under concurrency: one transaction takes row locks on the
products in ascending id order, so two checkouts wanting the same products
queue instead of deadlocking, and stock can never go below zero (the
database's CHECK constraint backs this up). Idempotent per order id: the
reservation row records what was taken, and a release puts exactly that back,
once.
"""

import uuid
from collections.abc import Iterable, Mapping

from django.db import IntegrityError, transaction
from django.utils import timezone
from products.models import Product

from reservations.exceptions import ReservationNotFound, StockUnavailable
from reservations.models import Reservation, ReservationItem, ReservationStatus


def _quantities_merge(*, items: Iterable[Mapping]) -> dict[uuid.UUID, int]:
    # Two lines for one product are one need; the merged total is what must fit.
    wanted: dict[uuid.UUID, int] = {}
    for item in items:
        wanted[item["product_id"]] = wanted.get(item["product_id"], 0) + item["quantity"]
    return wanted


def _products_lock(*, product_ids: Iterable[uuid.UUID], active_only: bool) -> dict:
    queryset = Product.objects.select_for_update().filter(id__in=list(product_ids))
    if active_only:
        queryset = queryset.filter(is_active=True)
    # ORDER BY id puts the sort below the row-lock step: locks come in id order.
    return {product.id: product for product in queryset.order_by("id").only("id", "stock")}


def reservation_create(
    *, order_id: uuid.UUID, items: Iterable[Mapping]
) -> tuple[Reservation, bool]:
    """Takes `quantity` of each `product_id` from stock for the order.

    Returns `(reservation, created)`. For an order that already has a
    reservation, returns it unchanged with `created` False and takes nothing.
    Raises StockUnavailable (409, with the product ids) when any product is
    unknown, inactive or short; then nothing is taken."""
    existing = Reservation.objects.filter(order_id=order_id).first()
    if existing is not None:
        return existing, False
    wanted = _quantities_merge(items=items)
    try:
        with transaction.atomic():
            # Claiming the order id first makes a concurrent duplicate wait on
            # the unique index, then fail below without touching stock.
            reservation = Reservation.objects.create(order_id=order_id)
            products = _products_lock(product_ids=wanted, active_only=True)
            unavailable = [
                str(product_id)
                for product_id, quantity in wanted.items()
                if product_id not in products or products[product_id].stock < quantity
            ]
            if unavailable:
                raise StockUnavailable(product_ids=unavailable)
            now = timezone.now()
            for product_id, quantity in wanted.items():
                products[product_id].stock -= quantity
                products[product_id].updated_at = now
            Product.objects.bulk_update(products.values(), ["stock", "updated_at"])
            ReservationItem.objects.bulk_create(
                ReservationItem(reservation=reservation, product_id=product_id, quantity=quantity)
                for product_id, quantity in wanted.items()
            )
    except IntegrityError:
        existing = Reservation.objects.filter(order_id=order_id).first()
        if existing is None:
            raise
        return existing, False
    return reservation, True


def reservation_release(*, order_id: uuid.UUID) -> Reservation:
    """Puts back exactly what the order's reservation took, once; a second call
    changes nothing. Products deleted since have nothing to put back into.
    Raises ReservationNotFound (404) for an order without a reservation."""
    with transaction.atomic():
        reservation = Reservation.objects.select_for_update().filter(order_id=order_id).first()
        if reservation is None:
            raise ReservationNotFound()
        if reservation.status == ReservationStatus.RELEASED:
            return reservation
        taken = {item.product_id: item.quantity for item in reservation.items.all()}
        products = _products_lock(product_ids=taken, active_only=False)
        now = timezone.now()
        for product_id, product in products.items():
            product.stock += taken[product_id]
            product.updated_at = now
        Product.objects.bulk_update(products.values(), ["stock", "updated_at"])
        reservation.status = ReservationStatus.RELEASED
        reservation.released_at = now
        reservation.save(update_fields=["status", "released_at"])
    return reservation
