"""Settings of the gateway service. Every value comes from the environment."""

from pathlib import Path

from shop_common import settings as shared

BASE_DIR = Path(__file__).resolve().parent.parent.parent
shared.dotenv_read(start=BASE_DIR)
env = shared.env

globals().update(shared.core(service="gateway", base_dir=BASE_DIR))

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

# No SQL database: this service keeps no relational data.
DATABASES = {}
READINESS_CHECKS = []

REST_FRAMEWORK = shared.rest_framework()
