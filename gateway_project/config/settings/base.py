"""Settings of the gateway service. Every value comes from the environment."""

from pathlib import Path

from shop_common import settings as shared

BASE_DIR = Path(__file__).resolve().parent.parent.parent
shared.dotenv_read(start=BASE_DIR)
env = shared.env

SERVICE_NAME = "gateway"
SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.staticfiles",
    *shared.THIRD_PARTY_APPS,
]
MIDDLEWARE = [
    m
    for m in shared.MIDDLEWARE
    if not m.startswith(
        ("django.contrib.sessions", "django.contrib.auth", "django.contrib.messages")
    )
]
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
TEMPLATES = shared.TEMPLATES

# No SQL database: this service keeps no relational data.
DATABASES = {}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
READINESS_CHECKS = []

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = env("DJANGO_STATIC_URL", default="/static/gateway/")
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

REST_FRAMEWORK = shared.rest_framework()
SPECTACULAR_SETTINGS = shared.spectacular(title="Shop gateway service")
LOGGING = shared.logging_config(service=SERVICE_NAME, level=env("LOG_LEVEL", default="INFO"))
