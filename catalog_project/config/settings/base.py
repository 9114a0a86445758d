"""Settings of the catalog service. Every value comes from the environment."""

from pathlib import Path

from shop_common import settings as shared

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = shared.env

globals().update(shared.core(service="catalog", base_dir=BASE_DIR))

INSTALLED_APPS = [
    *shared.DJANGO_APPS,
    *shared.THIRD_PARTY_APPS,
    "django_filters",
    "products",
    "reservations",
]
MIDDLEWARE = shared.MIDDLEWARE

DATABASES = {"default": shared.database(default_name="catalog")}
# Every price is in this one currency (DESIGN.md §3); new products take it.
SHOP_CURRENCY = env("SHOP_CURRENCY", default="KZT")
READINESS_CHECKS = ["shop_common.health.database_check"]

REST_FRAMEWORK = shared.rest_framework()

# The Django admin lives under /admin/catalog/ (see shared.admin_scoped).
globals().update(shared.admin_scoped(service="catalog", path="admin/catalog/"))
