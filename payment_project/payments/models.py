"""Payments, their processor transactions, and the outbox of callbacks to the
order service. Models hold data and the database's guarantees; the rules live
in services.py and selectors.py."""

import uuid

from django.db import models
from django.db.models import Q


class PaymentStatus(models.TextChoices):
    # Recorded before the processor is called, so no card is charged without
    # a payment on record; settled to succeeded or failed once it answers.
    PROCESSING = "processing", "Processing"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"
    REFUNDED = "refunded", "Refunded"


class Provider(models.TextChoices):
    EMULATOR = "emulator", "Emulator"


class TransactionKind(models.TextChoices):
    AUTHORIZE = "authorize", "Authorize"
    CAPTURE = "capture", "Capture"
    REFUND = "refund", "Refund"


class TransactionStatus(models.TextChoices):
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class CallbackStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed"


class CurrencyField(models.CharField):
    """An ISO 4217 code stored as CHAR(3), as in the original database design
    (and as the catalog stores it)."""

    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 3
        super().__init__(*args, **kwargs)

    def db_type(self, connection) -> str:
        return "char(3)"

    def get_placeholder(self, value, compiler, connection) -> str:
        # Having this method keeps Django 5.2's bulk_create off its UNNEST path,
        # which casts to char[] (that is char(1)[]) and would cut "KZT" to "K".
        return "%s"


class Payment(models.Model):
    """One attempt to pay one order. Only the card's last four digits are kept."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # One attempt per order: the order service moves pending_payment to paid or
    # payment_failed, and neither can be paid again (see docs/payments.md).
    order_id = models.UUIDField(unique=True)
    user_id = models.UUIDField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = CurrencyField()
    status = models.CharField(max_length=16, choices=PaymentStatus.choices)
    provider = models.CharField(max_length=32, choices=Provider.choices, default=Provider.EMULATOR)
    card_last4 = models.CharField(max_length=4)
    idempotency_key = models.CharField(max_length=255, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user_id", "-created_at"], name="payment_user_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="payment_amount_gte_0"),
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$"), name="payment_currency_iso_code"
            ),
            models.CheckConstraint(
                condition=Q(status__in=PaymentStatus.values), name="payment_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(card_last4__regex=r"^[0-9]{4}$"), name="payment_card_last4_digits"
            ),
            models.UniqueConstraint(
                fields=["user_id", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="payment_user_idempotency_key_uniq",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.id} {self.status} {self.amount} {self.currency}"


class PaymentTransaction(models.Model):
    """One step at the processor: authorize, capture or refund."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="transactions")
    kind = models.CharField(max_length=16, choices=TransactionKind.choices)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    status = models.CharField(max_length=16, choices=TransactionStatus.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Steps written in one statement share a timestamp; the kinds sort in
        # the order they happen (authorize, capture, refund).
        ordering = ["created_at", "kind"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="transaction_amount_gte_0"),
            models.CheckConstraint(
                condition=Q(kind__in=TransactionKind.values), name="transaction_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=TransactionStatus.values), name="transaction_status_valid"
            ),
            # Full refunds only: a second one would pay the money back twice.
            models.UniqueConstraint(
                fields=["payment"],
                condition=Q(kind=TransactionKind.REFUND, status=TransactionStatus.SUCCEEDED),
                name="transaction_one_refund_per_payment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.status} {self.amount}"


class CallbackOutbox(models.Model):
    """A callback to the order service, written in the same transaction as the
    payment change it reports and delivered by `manage.py deliver_callbacks`."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="callbacks")
    order_id = models.UUIDField()
    # {"payment_id", "status", "amount"}: the JSON the order service receives.
    body = models.JSONField()
    status = models.CharField(
        max_length=16, choices=CallbackStatus.choices, default=CallbackStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")
    # The X-Request-ID of the request that made the payment change, carried on
    # the delivery so one id traces the payment through both services.
    request_id = models.CharField(max_length=128, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "callback"
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status=CallbackStatus.PENDING),
                name="callback_due_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CallbackStatus.values), name="callback_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"callback {self.id} {self.body.get('status')} -> order {self.order_id}"
