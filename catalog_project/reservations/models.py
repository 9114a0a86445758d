"""Stock reservations taken for orders: what was taken, so it can be put back once."""

import uuid

from django.db import models


class ReservationStatus(models.TextChoices):
    RESERVED = "reserved", "Reserved"
    RELEASED = "released", "Released"


class Reservation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # One reservation per order: the order id is the idempotency key.
    order_id = models.UUIDField(unique=True)
    status = models.CharField(
        max_length=16, choices=ReservationStatus.choices, default=ReservationStatus.RESERVED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ReservationStatus.values),
                name="reservation_status_known",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status=ReservationStatus.RESERVED, released_at__isnull=True)
                    | models.Q(status=ReservationStatus.RELEASED, released_at__isnull=False)
                ),
                name="reservation_released_at_matches_status",
            ),
        ]

    def __str__(self) -> str:
        return f"order {self.order_id} ({self.status})"


class ReservationItem(models.Model):
    reservation = models.ForeignKey(Reservation, on_delete=models.CASCADE, related_name="items")
    # A copy of the id, not a foreign key: products can be deleted while orders
    # still hold reservations, and the record of what was taken must survive.
    product_id = models.UUIDField(db_index=True)
    quantity = models.IntegerField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="reservation_item_quantity_gt_0"
            ),
            models.UniqueConstraint(
                fields=["reservation", "product_id"], name="reservation_item_product_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.product_id}"
