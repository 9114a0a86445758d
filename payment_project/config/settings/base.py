"""Settings of the payment service. Every value comes from the environment."""

from pathlib import Path

from shop_common import settings as shared

BASE_DIR = Path(__file__).resolve().parent.parent.parent
shared.dotenv_read(start=BASE_DIR)
env = shared.env

SERVICE_NAME = "payment"
SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    *shared.DJANGO_APPS,
    *shared.THIRD_PARTY_APPS,
    "payments",
]
MIDDLEWARE = shared.MIDDLEWARE
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
TEMPLATES = shared.TEMPLATES

DATABASES = {"default": shared.database(default_name="payments")}
# Every amount is in this one currency (DESIGN.md §3); an order that names no
# currency is charged in it.
SHOP_CURRENCY = env("SHOP_CURRENCY", default="KZT")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
READINESS_CHECKS = ["shop_common.health.database_check"]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = env("DJANGO_STATIC_URL", default="/static/payment/")
STATIC_ROOT = BASE_DIR / "staticfiles"
# Bodies above this are refused with 413 before any parsing.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DJANGO_MAX_BODY_BYTES", default=1024 * 1024)

JWT_ALGORITHM, JWT_SIGNING_KEY, JWT_VERIFYING_KEY = shared.jwt_keys()
SIMPLE_JWT = shared.simple_jwt(
    signing_key=JWT_SIGNING_KEY, verifying_key=JWT_VERIFYING_KEY, algorithm=JWT_ALGORITHM
)
SERVICE_SIGNING_KEY = env("SERVICE_SIGNING_KEY")
SERVICE_URLS = shared.service_urls()
# Signs the payment -> order callbacks (shop_common.webhooks).
WEBHOOK_SECRET = env("WEBHOOK_SECRET")
SERVICE_TIMEOUT_SECONDS = env.float(
    "SERVICE_TIMEOUT_SECONDS", default=shared.DEFAULT_SERVICE_TIMEOUT_SECONDS
)

REST_FRAMEWORK = shared.rest_framework()
SPECTACULAR_SETTINGS = shared.spectacular(title="Shop payment service")
LOGGING = shared.logging_config(service=SERVICE_NAME, level=env("LOG_LEVEL", default="INFO"))

# Staff sign in with their auth-service account (role admin); see
# shop_common.admin_login. The admin lives under /admin/payments/ so the gateway can
# serve every service's admin on one origin; cookies are scoped to that path.
AUTHENTICATION_BACKENDS = ["shop_common.admin_login.AuthServiceBackend"]
SESSION_COOKIE_NAME = "payment_sessionid"
SESSION_COOKIE_PATH = "/admin/payments/"
CSRF_COOKIE_NAME = "payment_csrftoken"
CSRF_COOKIE_PATH = "/admin/payments/"
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

BUSINESS_METRICS_COLLECTORS = ["payments.metrics.PaymentMetricsCollector"]

# The card processor behind payments.processor.PaymentProcessor; the emulator
# of DESIGN.md unless a real provider's adapter is configured.
PAYMENT_PROCESSOR = env("PAYMENT_PROCESSOR", default="payments.processor.EmulatorProcessor")
# Callback outbox (payments.services.callback_deliver_due): a failed delivery
# is retried after min(base * 2**attempts, cap) seconds, for as long as it takes.
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
