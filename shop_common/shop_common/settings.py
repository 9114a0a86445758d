"""Settings helpers: one `env` for every settings module, and the pieces of
configuration every service shares. Each service's `config/settings/base.py`
calls these; nothing here reads a service's own domain settings.

Secrets have no defaults: a service without `DJANGO_SECRET_KEY`,
`JWT_SIGNING_KEY` or `SERVICE_SIGNING_KEY` fails at boot. Test settings set
loud placeholders before importing base.
"""

from datetime import timedelta
from pathlib import Path

import environ

from shop_common.logging_config import logging_config  # noqa: F401  (re-exported for settings)

env = environ.Env()

# Seconds allowed for one call to another service before answering 503.
DEFAULT_SERVICE_TIMEOUT_SECONDS = 3.0


def dotenv_read(*, start: Path) -> None:
    """Loads the repository's `.env` (written by `make run`) if there is one
    above `start`. Variables already in the environment win."""
    for folder in [start, *start.parents]:
        candidate = folder / ".env"
        if candidate.is_file():
            environ.Env.read_env(str(candidate), overwrite=False)
            return


DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

THIRD_PARTY_APPS = [
    "shop_common",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_prometheus",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "shop_common.request_id.RequestIDMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def database(*, default_name: str) -> dict:
    """`DATABASES["default"]` from `DATABASE_URL`, with persistent connections."""
    config = env.db("DATABASE_URL", default=f"postgres://postgres@127.0.0.1:5432/{default_name}")
    config["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    config["CONN_HEALTH_CHECKS"] = True
    config.setdefault("OPTIONS", {})["connect_timeout"] = env.int(
        "DATABASE_CONNECT_TIMEOUT", default=3
    )
    return config


def redis_cache(*, key_prefix: str) -> dict:
    """`CACHES["default"]` on Redis through django-redis, with short timeouts
    so an outage is an error at once rather than a hang."""
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": env("REDIS_URL", default="redis://127.0.0.1:6379/0"),
            "KEY_PREFIX": key_prefix,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }


def rest_framework(
    *,
    authentication: list[str] | None = None,
    permission: str = "rest_framework.permissions.IsAuthenticated",
    throttle_rates: dict | None = None,
) -> dict:
    """`REST_FRAMEWORK` for a service; stateless JWT unless told otherwise."""
    return {
        "DEFAULT_AUTHENTICATION_CLASSES": authentication
        or ["shop_common.authentication.StatelessJWTAuthentication"],
        "DEFAULT_PERMISSION_CLASSES": [permission],
        "DEFAULT_PAGINATION_CLASS": "shop_common.pagination.ShopPagination",
        "PAGE_SIZE": 20,
        "DEFAULT_RENDERER_CLASSES": [
            "rest_framework.renderers.JSONRenderer",
            "rest_framework.renderers.BrowsableAPIRenderer",
        ],
        "DEFAULT_PARSER_CLASSES": [
            "shop_common.parsers.JSONParser",
            "rest_framework.parsers.FormParser",
            "rest_framework.parsers.MultiPartParser",
        ],
        "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
        "EXCEPTION_HANDLER": "shop_common.errors.exception_handler",
        "DEFAULT_THROTTLE_RATES": throttle_rates or {},
        "COERCE_DECIMAL_TO_STRING": True,
        "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    }


def simple_jwt(*, signing_key: str, verifying_key: str = "", algorithm: str = "HS256") -> dict:
    """`SIMPLE_JWT`: the claims of DESIGN.md §4 (`sub` is the user id)."""
    return {
        "ALGORITHM": algorithm,
        "SIGNING_KEY": signing_key,
        "VERIFYING_KEY": verifying_key or None,
        "ACCESS_TOKEN_LIFETIME": timedelta(
            seconds=env.int("JWT_ACCESS_LIFETIME_SECONDS", default=15 * 60)
        ),
        "REFRESH_TOKEN_LIFETIME": timedelta(
            seconds=env.int("JWT_REFRESH_LIFETIME_SECONDS", default=7 * 24 * 3600)
        ),
        "ROTATE_REFRESH_TOKENS": True,
        "BLACKLIST_AFTER_ROTATION": True,
        "UPDATE_LAST_LOGIN": False,
        "AUTH_HEADER_TYPES": ("Bearer",),
        "USER_ID_FIELD": "id",
        "USER_ID_CLAIM": "sub",
        "TOKEN_TYPE_CLAIM": "token_type",
        "JTI_CLAIM": "jti",
        "TOKEN_USER_CLASS": "shop_common.authentication.ShopTokenUser",
        "LEEWAY": 5,
    }


def jwt_keys() -> tuple[str, str, str]:
    """Returns `(algorithm, signing_key, verifying_key)`.

    RS256 when `JWT_PUBLIC_KEY` is set (auth also gets `JWT_PRIVATE_KEY`, the
    others only the public key, so only auth can mint); HS256 with
    `JWT_SIGNING_KEY` otherwise."""
    public_key = env("JWT_PUBLIC_KEY", default="").replace("\\n", "\n")
    if public_key:
        private_key = env("JWT_PRIVATE_KEY", default="").replace("\\n", "\n")
        return "RS256", private_key, public_key
    return "HS256", env("JWT_SIGNING_KEY"), ""


def spectacular(*, title: str, description: str = "") -> dict:
    """`SPECTACULAR_SETTINGS`, serving Swagger UI from the sidecar (offline)."""
    return {
        "TITLE": title,
        "DESCRIPTION": description,
        "VERSION": "1.0.0",
        "SERVE_INCLUDE_SCHEMA": False,
        "SWAGGER_UI_DIST": "SIDECAR",
        "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
        "REDOC_DIST": "SIDECAR",
        "COMPONENT_SPLIT_REQUEST": True,
    }


def service_urls() -> dict[str, str]:
    """Base URLs of the other services, from `<NAME>_SERVICE_URL`."""
    defaults = {
        "auth": "http://127.0.0.1:8001",
        "catalog": "http://127.0.0.1:8002",
        "cart": "http://127.0.0.1:8003",
        "order": "http://127.0.0.1:8004",
        "payment": "http://127.0.0.1:8005",
    }
    return {name: env(f"{name.upper()}_SERVICE_URL", default=url) for name, url in defaults.items()}


def production_hardening() -> dict:
    """Settings every production service adds: HTTPS-only cookies and headers."""
    return {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_HSTS_SECONDS": env.int("DJANGO_SECURE_HSTS_SECONDS", default=0),
        "ALLOWED_HOSTS": env.list("DJANGO_ALLOWED_HOSTS"),
    }


def require_real_secret(name: str, value: str) -> None:
    """Refuses placeholder or short secrets in production."""
    if len(value) < 32 or "insecure" in value or "change-me" in value:
        raise RuntimeError(f"{name} must be a real secret of at least 32 characters.")
