"""Settings helpers: one `env` for every settings module, and the pieces of
configuration every service shares. Each service's `config/settings/base.py`
calls these; nothing here reads a service's own domain settings.

Secrets come from the process environment only (never from a `.env` file:
devstack and compose give each service just the secrets it uses) and have no
defaults: a service without `DJANGO_SECRET_KEY`, `JWT_SIGNING_KEY` or one of
its service keys (shop_common.internal_calls), or with an empty one, refuses
to start. Test settings set loud placeholders before importing base.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from shop_common.internal_calls import (
    all_link_key_names,
    callers_of,
    link_key_name,
    targets_of,
)
from shop_common.logging_config import logging_config

env = environ.Env()

# Seconds allowed for one call to another service before answering 503.
DEFAULT_SERVICE_TIMEOUT_SECONDS = 3.0
# Production refuses shorter secrets (production_secrets_require).
SECRET_MIN_LENGTH = 32


def secret(name: str) -> str:
    """Returns the secret `name` from the environment; raises
    ImproperlyConfigured (the service refuses to start) when it is missing,
    empty or only whitespace, so a bad key never surfaces as a 500 per
    request. Production also refuses short and placeholder values."""
    value = env.str(name, default="")
    if not value.strip():
        raise ImproperlyConfigured(f"Set {name} in the environment: it is missing or empty.")
    return value


def service_keys(*, service: str) -> dict:
    """`SERVICE_SIGNING_KEYS` (target -> the key this service signs its
    credentials for that target with) and `SERVICE_CALLER_KEYS` (caller -> the
    key its credentials for this service are verified with), read from the
    link keys of shop_common.internal_calls. A service that neither calls nor
    serves an internal endpoint reads no service key at all."""
    return {
        "SERVICE_SIGNING_KEYS": {
            target: secret(link_key_name(caller=service, target=target))
            for target in targets_of(service)
        },
        "SERVICE_CALLER_KEYS": {
            caller: secret(link_key_name(caller=caller, target=service))
            for caller in callers_of(service)
        },
    }


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
    "shop_common.request_body.RequestBodyMiddleware",
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
                # Under many threads, wait briefly for a free connection
                # instead of failing at redis-py's default limit.
                "CONNECTION_POOL_CLASS": "redis.BlockingConnectionPool",
                "CONNECTION_POOL_KWARGS": {
                    "max_connections": env.int("REDIS_MAX_CONNECTIONS", default=50),
                    "timeout": env.float("REDIS_POOL_TIMEOUT_SECONDS", default=2.0),
                },
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
    return "HS256", secret("JWT_SIGNING_KEY"), ""


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
    """Settings every production service adds: HTTPS-only cookies and headers.

    `DJANGO_SECURE_COOKIES=false` drops the Secure flag of the session and
    CSRF cookies, for compose.yaml only: it runs these settings over plain
    HTTP on localhost, where a browser would never send a Secure cookie back
    (docs/security.md). Never set it behind TLS."""
    secure_cookies = env.bool("DJANGO_SECURE_COOKIES", default=True)
    return {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": secure_cookies,
        "CSRF_COOKIE_SECURE": secure_cookies,
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_HSTS_SECONDS": env.int("DJANGO_SECURE_HSTS_SECONDS", default=0),
        "ALLOWED_HOSTS": env.list("DJANGO_ALLOWED_HOSTS"),
    }


def require_real_secret(name: str, value: str) -> None:
    """Refuses placeholder or short secrets in production."""
    if len(value) < SECRET_MIN_LENGTH or "insecure" in value or "change-me" in value:
        raise RuntimeError(
            f"{name} must be a real secret of at least {SECRET_MIN_LENGTH} characters."
        )


def core(*, service: str, base_dir: Path) -> dict:
    """The settings every service has alike, read from the environment.

    A service's base.py applies them with `globals().update(...)` and then
    states only what is its own: apps, stores, authentication, domain values."""
    algorithm, signing_key, verifying_key = jwt_keys()
    return {
        "SERVICE_NAME": service,
        "SECRET_KEY": secret("DJANGO_SECRET_KEY"),
        "DEBUG": env.bool("DJANGO_DEBUG", default=False),
        "ALLOWED_HOSTS": env.list(
            "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"]
        ),
        "ROOT_URLCONF": "config.urls",
        "WSGI_APPLICATION": "config.wsgi.application",
        "TEMPLATES": TEMPLATES,
        "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
        "LANGUAGE_CODE": "en-us",
        "TIME_ZONE": "UTC",
        "USE_I18N": True,
        "USE_TZ": True,
        # Each service's static files under its own prefix, so the gateway can
        # serve every admin on one origin without clashes.
        "STATIC_URL": env("DJANGO_STATIC_URL", default=f"/static/{service}/"),
        "STATIC_ROOT": base_dir / "staticfiles",
        # Bodies above this are refused with 413 before any parsing.
        "DATA_UPLOAD_MAX_MEMORY_SIZE": env.int("DJANGO_MAX_BODY_BYTES", default=1024 * 1024),
        "JWT_ALGORITHM": algorithm,
        "JWT_SIGNING_KEY": signing_key,
        "JWT_VERIFYING_KEY": verifying_key,
        "SIMPLE_JWT": simple_jwt(
            signing_key=signing_key, verifying_key=verifying_key, algorithm=algorithm
        ),
        **service_keys(service=service),
        "SERVICE_URLS": service_urls(),
        "SERVICE_TIMEOUT_SECONDS": env.float(
            "SERVICE_TIMEOUT_SECONDS", default=DEFAULT_SERVICE_TIMEOUT_SECONDS
        ),
        "SPECTACULAR_SETTINGS": spectacular(title=f"Shop {service} service"),
        "LOGGING": logging_config(service=service, level=env("LOG_LEVEL", default="INFO")),
    }


# Where browsers reach the gateway that serves the staff console, by default.
DEFAULT_GATEWAY_PUBLIC_ORIGINS = ["http://127.0.0.1:8000", "http://localhost:8000"]
ADMIN_ACCESS_MIDDLEWARE = "shop_common.admin_access.StaffAccessMiddleware"


def admin_middleware(middleware: list[str]) -> list[str]:
    """`middleware` with the staff access middleware (shop_common.admin_access)
    right after the authentication and messages middleware it needs."""
    anchors = [
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
    ]
    missing = [anchor for anchor in anchors if anchor not in middleware]
    if missing:
        raise ValueError(f"The admin needs {', '.join(missing)} in MIDDLEWARE.")
    position = max(middleware.index(anchor) for anchor in anchors) + 1
    return [
        *middleware[:position],
        ADMIN_ACCESS_MIDDLEWARE,
        *[m for m in middleware[position:] if m != ADMIN_ACCESS_MIDDLEWARE],
    ]


def csrf_trusted_origins() -> list[str]:
    """The gateway's public origins (`GATEWAY_PUBLIC_ORIGINS`, default
    http://127.0.0.1:8000 and http://localhost:8000) and any further ones in
    `DJANGO_CSRF_TRUSTED_ORIGINS`. The gateway forwards its own Host, so its
    pages pass the same-origin check anyway; these say so explicitly."""
    origins = [
        *env.list("GATEWAY_PUBLIC_ORIGINS", default=DEFAULT_GATEWAY_PUBLIC_ORIGINS),
        *env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[]),
    ]
    return list(dict.fromkeys(origin.rstrip("/") for origin in origins if origin))


def admin_scoped(
    *,
    service: str,
    path: str,
    sign_in_with_auth: bool = True,
    middleware: list[str] = MIDDLEWARE,
) -> dict:
    """Settings of a Django admin mounted under `/<path>` behind one origin:
    its session and CSRF cookies named after the service and scoped to that
    path, messages kept in the session (the gateway passes on only the area's
    own cookies), and `MIDDLEWARE` (`middleware`, the shared list by default)
    with the staff access middleware of shop_common.admin_access: single
    sign-on with the gateway's admin token, staff rights re-checked with auth
    every `ADMIN_STAFF_RECHECK_SECONDS` (300), sessions ended
    `ADMIN_SESSION_MAX_SECONDS` (8 h) after sign-in.

    Staff sign in with their auth-service account (role admin) unless the
    service is auth itself, whose admin reads its own user table; see
    shop_common.admin_login."""
    session_max_seconds = env.int("ADMIN_SESSION_MAX_SECONDS", default=8 * 3600)
    settings = {
        "ADMIN_URL_PREFIX": f"/{path}",
        "ADMIN_STAFF_RECHECK_SECONDS": env.int("ADMIN_STAFF_RECHECK_SECONDS", default=5 * 60),
        "ADMIN_SESSION_MAX_SECONDS": session_max_seconds,
        "ADMIN_STAFF_RIGHTS_LOCAL": not sign_in_with_auth,
        "MIDDLEWARE": admin_middleware(middleware),
        "SESSION_COOKIE_NAME": f"{service}_sessionid",
        "SESSION_COOKIE_PATH": f"/{path}",
        "SESSION_COOKIE_AGE": session_max_seconds,
        "CSRF_COOKIE_NAME": f"{service}_csrftoken",
        "CSRF_COOKIE_PATH": f"/{path}",
        "CSRF_TRUSTED_ORIGINS": csrf_trusted_origins(),
        "MESSAGE_STORAGE": "django.contrib.messages.storage.session.SessionStorage",
    }
    if sign_in_with_auth:
        settings["AUTHENTICATION_BACKENDS"] = ["shop_common.admin_login.AuthServiceBackend"]
    return settings


# Loud placeholders for test settings; production refuses anything like them.
# Every link of shop_common.internal_calls has its own.
TEST_PLACEHOLDER_SECRETS = {
    "DJANGO_SECRET_KEY": "insecure-test-secret-key-not-for-production",
    "JWT_SIGNING_KEY": "insecure-test-jwt-signing-key-not-for-production",
    **{
        name: f"insecure-test-{name.lower().replace('_', '-')}-not-for-production"
        for name in all_link_key_names()
    },
    "WEBHOOK_SECRET": "insecure-test-webhook-secret-not-for-production",
}


def test_placeholders_set() -> None:
    """Puts the placeholder secrets in the environment where none is set."""
    for name, placeholder in TEST_PLACEHOLDER_SECRETS.items():
        os.environ.setdefault(name, placeholder)


def production_secrets_require(settings: dict) -> None:
    """Refuses to start production with a missing, short or placeholder
    secret, or with a service key that is also the user-token key."""
    require_real_secret("DJANGO_SECRET_KEY", settings["SECRET_KEY"])
    if settings["JWT_ALGORITHM"] == "HS256":
        require_real_secret("JWT_SIGNING_KEY", settings["JWT_SIGNING_KEY"])
    service = settings["SERVICE_NAME"]
    links = [
        *(
            (link_key_name(caller=service, target=target), key)
            for target, key in settings["SERVICE_SIGNING_KEYS"].items()
        ),
        *(
            (link_key_name(caller=caller, target=service), key)
            for caller, key in settings["SERVICE_CALLER_KEYS"].items()
        ),
    ]
    for name, key in links:
        require_real_secret(name, key)
        # Every service holds JWT_SIGNING_KEY under HS256: a service key equal
        # to it would let any of them mint service credentials.
        if key == settings.get("JWT_SIGNING_KEY"):
            raise RuntimeError(f"{name} must differ from JWT_SIGNING_KEY.")
    if "WEBHOOK_SECRET" in settings:
        require_real_secret("WEBHOOK_SECRET", settings["WEBHOOK_SECRET"])
