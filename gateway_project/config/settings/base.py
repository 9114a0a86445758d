"""Settings of the gateway service. Every value comes from the environment."""

from pathlib import Path

from shop_common import settings as shared

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = shared.env

globals().update(shared.core(service="gateway", base_dir=BASE_DIR))

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    *shared.THIRD_PARTY_APPS,
    # Bootstrap 5's CSS and JS as static files: the storefront works offline.
    "bootstrap",
    "accounts",
    "storefront",
    "console",
    "api_proxy",
]
MIDDLEWARE = [
    m
    for m in shared.MIDDLEWARE
    if not m.startswith(("django.contrib.sessions", "django.contrib.auth"))
]
# The client's address goes on to the services in X-Forwarded-For.
MIDDLEWARE.insert(
    MIDDLEWARE.index("shop_common.request_id.RequestIDMiddleware") + 1,
    "backends.client.ForwardedForMiddleware",
)
# The shopper's tokens are read from (and refreshed into) their cookies after
# the CSRF check and before any view.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware"),
    "accounts.middleware.LoginCookieMiddleware",
)

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.shopper",
            ],
        },
    },
]

# No SQL database and no server-side sessions: the login lives in signed
# tokens in cookies, flash messages in a signed cookie.
DATABASES = {}
READINESS_CHECKS = []
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
CSRF_FAILURE_VIEW = "storefront.errors.csrf_failure"

# Login cookies (accounts/cookies.py): HttpOnly, SameSite=Lax, Secure on HTTPS.
LOGIN_ACCESS_COOKIE = env("GATEWAY_ACCESS_COOKIE", default="shop_access")
LOGIN_REFRESH_COOKIE = env("GATEWAY_REFRESH_COOKIE", default="shop_refresh")

# The /api proxy (api_proxy/forwarding.py): seconds to wait for a service's
# answer (connecting is bounded by SERVICE_TIMEOUT_SECONDS), and pooled
# connections kept per service (at least the gunicorn threads of a worker).
API_PROXY_TIMEOUT_SECONDS = env.float("API_PROXY_TIMEOUT_SECONDS", default=10.0)
API_PROXY_POOL_SIZE = env.int("API_PROXY_POOL_SIZE", default=16)

# One shop currency (DESIGN.md §3), shown beside prices.
SHOP_CURRENCY = env("SHOP_CURRENCY", default="KZT")

# Storefront page sizes.
STOREFRONT_PAGE_SIZE = env.int("STOREFRONT_PAGE_SIZE", default=12)
ORDERS_PAGE_SIZE = env.int("STOREFRONT_ORDERS_PAGE_SIZE", default=20)

REST_FRAMEWORK = shared.rest_framework()
