"""Reads of stock reservations."""

import uuid

from reservations.exceptions import ReservationNotFound
from reservations.models import Reservation


def reservation_get(*, order_id: uuid.UUID) -> Reservation:
    """Returns the order's reservation with its items; raises ReservationNotFound (404)."""
    reservation = Reservation.objects.prefetch_related("items").filter(order_id=order_id).first()
    if reservation is None:
        raise ReservationNotFound()
    return reservation
