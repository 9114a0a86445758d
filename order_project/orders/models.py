"""Orders, their lines (snapshots taken at checkout) and their status history.

The models hold data and the database's own guarantees; the rules live in
services.py and status.py.
"""

import uuid

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils import timezone

from orders.status import OrderStatus

MONEY = {"max_digits": 12, "decimal_places": 2}


class CurrencyField(models.CharField):
    """An ISO 4217 code stored as CHAR(3), as in the original database design
    (the same field as the catalog's `products.models.CurrencyField`)."""

    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 3
        super().__init__(*args, **kwargs)

    def db_type(self, connection) -> str:
        return "char(3)"

    def get_placeholder(self, value, compiler, connection) -> str:
        # Having this method keeps Django 5.2's bulk_create off its UNNEST path,
        # which casts to char[] (that is char(1)[]) and would cut "KZT" to "K".
        return "%s"


class Order(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The user lives in the auth service: only its id and email are kept.
    user_id = models.UUIDField()
    email = models.EmailField()
    status = models.CharField(
        max_length=20, choices=OrderStatus.choices, default=OrderStatus.PENDING_PAYMENT
    )
    total = models.DecimalField(**MONEY)
    currency = CurrencyField()
    # A snapshot validated at checkout; it never changes, so one JSON value.
    shipping_address = models.JSONField()
    idempotency_key = models.CharField(max_length=255, null=True, blank=True)
    # The payment that last settled the order (succeeded or failed), from the callback.
    payment_id = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user_id", "-created_at"], name="orders_user_created_idx"),
            models.Index(fields=["status"], name="orders_status_idx"),
            models.Index(fields=["-created_at"], name="orders_created_idx"),
            models.Index(Upper("email"), name="orders_email_upper_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user_id", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="orders_user_idempotency_key_uniq",
            ),
            models.CheckConstraint(condition=Q(total__gte=0), name="orders_total_gte_0"),
            models.CheckConstraint(
                condition=Q(status__in=OrderStatus.values), name="orders_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$"), name="orders_currency_iso_code"
            ),
        ]

    def __str__(self) -> str:
        return f"Order {self.id} ({self.status})"


class OrderLine(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    # Keeps the cart's order of lines in the order.
    position = models.PositiveSmallIntegerField()
    # A snapshot: the product may change or disappear from the catalog later.
    product_id = models.UUIDField()
    sku = models.CharField(max_length=64)
    name = models.CharField(max_length=255)
    unit_price = models.DecimalField(**MONEY)
    quantity = models.PositiveIntegerField()
    line_total = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["order", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "product_id"], name="order_lines_order_product_uniq"
            ),
            models.CheckConstraint(
                condition=Q(unit_price__gte=0), name="order_lines_unit_price_gte_0"
            ),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="order_lines_quantity_gte_1"),
            models.CheckConstraint(
                condition=Q(line_total=F("unit_price") * F("quantity")),
                name="order_lines_line_total_exact",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.sku}"


class OrderEvent(models.Model):
    """One status change of an order, written in the same transaction as the change."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    # Null for the event that creates the order: there was no status before.
    from_status = models.CharField(max_length=20, choices=OrderStatus.choices, null=True)
    to_status = models.CharField(max_length=20, choices=OrderStatus.choices)
    at = models.DateTimeField(default=timezone.now)
    # Who made the change: "customer:<id>", "admin:<id>", "staff:<email>", "service:payment".
    actor = models.CharField(max_length=255)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["order", "at", "id"]
        indexes = [models.Index(fields=["order", "at"], name="order_events_order_at_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_status__in=OrderStatus.values), name="order_events_to_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} -> {self.to_status}"


class AcceptedCallbackSignature(models.Model):
    """A payment callback signature this service has accepted (DESIGN.md §5: a
    signature is accepted once).

    Written in the same transaction as the callback's effect: a replay racing
    the original waits on the unique index, then fails it, so both cannot
    pass. A row is needed only while its signature could still pass the
    freshness check; `services.callback_signatures_prune` deletes older ones
    (the `expire_orders` worker calls it on every pass)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The hex HMAC-SHA256 of the callback (X-Shop-Signature without "sha256=").
    digest = models.CharField(max_length=64)
    # The signature's own timestamp (X-Shop-Timestamp): it, not the time the
    # callback arrived, decides how long a replay could pass.
    signed_at = models.DateTimeField()
    order_id = models.UUIDField()
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["digest"], name="order_callback_sigs_digest_uniq"),
        ]
        indexes = [
            models.Index(fields=["signed_at"], name="order_callback_sigs_signed_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.digest[:12]}... (order {self.order_id})"
