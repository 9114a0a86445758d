"""Settings of the auth service. Every value comes from the environment."""

from pathlib import Path

from shop_common import settings as shared

BASE_DIR = Path(__file__).resolve().parent.parent.parent
shared.dotenv_read(start=BASE_DIR)
env = shared.env

SERVICE_NAME = "auth"
SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    *shared.DJANGO_APPS,
    *shared.THIRD_PARTY_APPS,
    "rest_framework_simplejwt.token_blacklist",
    "users",
]
MIDDLEWARE = shared.MIDDLEWARE
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
TEMPLATES = shared.TEMPLATES

DATABASES = {"default": shared.database(default_name="auth")}
CACHES = shared.redis_cache(key_prefix="auth")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Login throttling keeps its counters in Redis, so the service is not ready without it.
READINESS_CHECKS = ["shop_common.health.database_check", "shop_common.health.redis_check"]

AUTH_USER_MODEL = "users.User"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email",)},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Failed-login throttling (users/login_throttle.py): only failures are counted,
# per email and per client address, in a fixed window.
AUTH_LOGIN_FAILURES_PER_EMAIL = env.int("AUTH_LOGIN_FAILURES_PER_EMAIL", default=10)
AUTH_LOGIN_FAILURES_PER_ADDRESS = env.int("AUTH_LOGIN_FAILURES_PER_ADDRESS", default=100)
AUTH_LOGIN_FAILURE_WINDOW_SECONDS = env.int("AUTH_LOGIN_FAILURE_WINDOW_SECONDS", default=5 * 60)
# How many reverse proxies in front of this service append to X-Forwarded-For.
# 0 (the default) trusts only REMOTE_ADDR, so a client cannot pick its address.
AUTH_TRUSTED_PROXY_COUNT = env.int("AUTH_TRUSTED_PROXY_COUNT", default=0)

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = env("DJANGO_STATIC_URL", default="/static/auth/")
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

# Auth reads the user from its own database on every request (unlike the other
# services' stateless tokens), so /auth/me is current and inactive users are refused.
REST_FRAMEWORK = shared.rest_framework(
    authentication=["rest_framework_simplejwt.authentication.JWTAuthentication"]
)
SPECTACULAR_SETTINGS = shared.spectacular(title="Shop auth service")
LOGGING = shared.logging_config(service=SERVICE_NAME, level=env("LOG_LEVEL", default="INFO"))

# The Django admin lives under /admin/users/ so the gateway can serve every
# service's admin on one origin; cookies are scoped to that path.
SESSION_COOKIE_NAME = "auth_sessionid"
SESSION_COOKIE_PATH = "/admin/users/"
CSRF_COOKIE_NAME = "auth_csrftoken"
CSRF_COOKIE_PATH = "/admin/users/"
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
