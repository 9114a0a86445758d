"""Settings of the order service. Every value comes from the environment."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from shop_common import settings as shared

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = shared.env

globals().update(shared.core(service="order", base_dir=BASE_DIR))

INSTALLED_APPS = [
    *shared.DJANGO_APPS,
    *shared.THIRD_PARTY_APPS,
    "django_filters",
    "orders",
    "addresses",
]
MIDDLEWARE = shared.MIDDLEWARE

DATABASES = {"default": shared.database(default_name="orders")}
READINESS_CHECKS = ["shop_common.health.database_check"]

# Signs the payment service's callbacks (shop_common.webhooks); no default.
WEBHOOK_SECRET = shared.secret("WEBHOOK_SECRET")
# One shop currency (DESIGN.md §3): every order is in it.
SHOP_CURRENCY = env("SHOP_CURRENCY", default="KZT")
# An order unpaid (pending_payment or payment_failed) this long after it was
# placed is cancelled by the system and its stock goes back (DESIGN.md §5,
# ORDER_PAYMENT_TIMEOUT, 30 minutes by default): `manage.py expire_orders`.
ORDER_PAYMENT_TIMEOUT_SECONDS = env.int("ORDER_PAYMENT_TIMEOUT_SECONDS", default=30 * 60)
if ORDER_PAYMENT_TIMEOUT_SECONDS < 1:
    raise ImproperlyConfigured("ORDER_PAYMENT_TIMEOUT_SECONDS must be at least 1.")
# How long `expire_orders` waits between passes that found less than a batch.
ORDER_EXPIRY_POLL_SECONDS = env.float("ORDER_EXPIRY_POLL_SECONDS", default=30.0)

REST_FRAMEWORK = shared.rest_framework()
SPECTACULAR_SETTINGS = {
    **shared.spectacular(title="Shop order service"),
    # Two different "status" choice sets: give each a stable name.
    "ENUM_NAME_OVERRIDES": {
        "OrderStatusEnum": "orders.status.OrderStatus",
        "PaymentOutcomeEnum": "orders.services.PAYMENT_OUTCOME_VALUES",
    },
}
BUSINESS_METRICS_COLLECTORS = ["orders.metrics.OrderMetricsCollector"]

# The Django admin lives under /admin/orders/ (see shared.admin_scoped).
globals().update(shared.admin_scoped(service="order", path="admin/orders/"))
