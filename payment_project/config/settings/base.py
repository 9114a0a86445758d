"""Settings of the payment service. Every value comes from the environment."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from shop_common import settings as shared

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = shared.env

globals().update(shared.core(service="payment", base_dir=BASE_DIR))

INSTALLED_APPS = [
    *shared.DJANGO_APPS,
    *shared.THIRD_PARTY_APPS,
    "payments",
]
MIDDLEWARE = shared.MIDDLEWARE

DATABASES = {"default": shared.database(default_name="payments")}
# Every amount is in this one currency (DESIGN.md §3); an order that names no
# currency is charged in it.
SHOP_CURRENCY = env("SHOP_CURRENCY", default="KZT")
READINESS_CHECKS = ["shop_common.health.database_check"]

# Signs the payment -> order callbacks (shop_common.webhooks).
WEBHOOK_SECRET = shared.secret("WEBHOOK_SECRET")

REST_FRAMEWORK = shared.rest_framework()

# The Django admin lives under /admin/payments/ (see shared.admin_scoped).
globals().update(shared.admin_scoped(service="payment", path="admin/payments/"))

BUSINESS_METRICS_COLLECTORS = ["payments.metrics.PaymentMetricsCollector"]

# The card processor behind payments.processor.PaymentProcessor; the emulator
# of DESIGN.md unless a real provider's adapter is configured.
# Production refuses the emulator unless PAYMENT_EMULATOR_ALLOWED=true
# (config/settings/production.py).
PAYMENT_EMULATOR_PROCESSOR = "payments.processor.EmulatorProcessor"
PAYMENT_PROCESSOR = env("PAYMENT_PROCESSOR", default=PAYMENT_EMULATOR_PROCESSOR)
# Callback outbox (payments.services.callback_deliver_due): a failed delivery
# is retried after min(base * 2**(attempts - 1), cap) seconds, for as long as
# it takes.
PAYMENT_CALLBACK_BACKOFF_BASE_SECONDS = env.float(
    "PAYMENT_CALLBACK_BACKOFF_BASE_SECONDS", default=1.0
)
PAYMENT_CALLBACK_BACKOFF_CAP_SECONDS = env.float(
    "PAYMENT_CALLBACK_BACKOFF_CAP_SECONDS", default=300.0
)
PAYMENT_CALLBACK_POLL_SECONDS = env.float("PAYMENT_CALLBACK_POLL_SECONDS", default=1.0)
# Try each new callback once right after the payment commits, so the order is
# usually paid before the customer's next page; the worker still guarantees it.
PAYMENT_CALLBACK_INLINE_DELIVERY = env.bool("PAYMENT_CALLBACK_INLINE_DELIVERY", default=True)
# Card testing (payments.throttles): after this many declined payments within
# an hour, the user's POST /payment/pay is 429 until the oldest leaves the hour.
PAYMENT_DECLINES_PER_HOUR = env.int("PAYMENT_DECLINES_PER_HOUR", default=5)
if PAYMENT_DECLINES_PER_HOUR < 1:
    raise ImproperlyConfigured("PAYMENT_DECLINES_PER_HOUR must be 1 or more.")
