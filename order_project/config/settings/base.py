"""Settings of the order service. Every value comes from the environment."""

from pathlib import Path

from shop_common import settings as shared

BASE_DIR = Path(__file__).resolve().parent.parent.parent
shared.dotenv_read(start=BASE_DIR)
env = shared.env

SERVICE_NAME = "order"
SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    *shared.DJANGO_APPS,
    *shared.THIRD_PARTY_APPS,
    "django_filters",
    "orders",
]
MIDDLEWARE = shared.MIDDLEWARE
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
TEMPLATES = shared.TEMPLATES

DATABASES = {"default": shared.database(default_name="orders")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
READINESS_CHECKS = ["shop_common.health.database_check"]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = env("DJANGO_STATIC_URL", default="/static/order/")
STATIC_ROOT = BASE_DIR / "staticfiles"
# Bodies above this are refused with 413 before any parsing.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DJANGO_MAX_BODY_BYTES", default=1024 * 1024)

JWT_ALGORITHM, JWT_SIGNING_KEY, JWT_VERIFYING_KEY = shared.jwt_keys()
SIMPLE_JWT = shared.simple_jwt(
    signing_key=JWT_SIGNING_KEY, verifying_key=JWT_VERIFYING_KEY, algorithm=JWT_ALGORITHM
)
SERVICE_SIGNING_KEY = env("SERVICE_SIGNING_KEY")
SERVICE_URLS = shared.service_urls()
SERVICE_TIMEOUT_SECONDS = env.float(
    "SERVICE_TIMEOUT_SECONDS", default=shared.DEFAULT_SERVICE_TIMEOUT_SECONDS
)

# Signs the payment service's callbacks (shop_common.webhooks); no default.
WEBHOOK_SECRET = env("WEBHOOK_SECRET")
# One shop currency (DESIGN.md §3): every order is in it.
SHOP_CURRENCY = env("SHOP_CURRENCY", default="KZT")

REST_FRAMEWORK = shared.rest_framework()
SPECTACULAR_SETTINGS = {
    **shared.spectacular(title="Shop order service"),
    # Three different "status" choice sets: give each a stable name.
    "ENUM_NAME_OVERRIDES": {
        "OrderStatusEnum": "orders.status.OrderStatus",
        "StaffStatusEnum": "orders.status.STAFF_TARGETS",
        "PaymentOutcomeEnum": "orders.services.PAYMENT_OUTCOME_VALUES",
    },
}
BUSINESS_METRICS_COLLECTORS = ["orders.metrics.OrderMetricsCollector"]
LOGGING = shared.logging_config(service=SERVICE_NAME, level=env("LOG_LEVEL", default="INFO"))

# Staff sign in with their auth-service account (role admin); see
# shop_common.admin_login. The admin lives under /admin/orders/ so the gateway can
# serve every service's admin on one origin; cookies are scoped to that path.
AUTHENTICATION_BACKENDS = ["shop_common.admin_login.AuthServiceBackend"]
SESSION_COOKIE_NAME = "order_sessionid"
SESSION_COOKIE_PATH = "/admin/orders/"
CSRF_COOKIE_NAME = "order_csrftoken"
CSRF_COOKIE_PATH = "/admin/orders/"
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
