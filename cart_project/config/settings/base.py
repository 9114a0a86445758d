"""Settings of the cart service. Every value comes from the environment."""

from pathlib import Path

from shop_common import settings as shared

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = shared.env

globals().update(shared.core(service="cart", base_dir=BASE_DIR))

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.staticfiles",
    *shared.THIRD_PARTY_APPS,
    "carts",
]
MIDDLEWARE = [
    m
    for m in shared.MIDDLEWARE
    if not m.startswith(
        ("django.contrib.sessions", "django.contrib.auth", "django.contrib.messages")
    )
]

# No SQL database: this service keeps no relational data.
DATABASES = {}
CACHES = shared.redis_cache(key_prefix="cart")
READINESS_CHECKS = ["shop_common.health.redis_check"]

# An idle cart is forgotten after this long; every change starts the clock again.
CART_TTL_SECONDS = env.int("CART_TTL_SECONDS", default=30 * 24 * 3600)
# One shop currency (DESIGN.md §3); the catalog prices in the same one.
SHOP_CURRENCY = env("SHOP_CURRENCY", default="KZT")

REST_FRAMEWORK = shared.rest_framework()
