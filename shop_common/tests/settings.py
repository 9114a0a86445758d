"""A minimal service for testing the shared mechanisms (no database)."""

from shop_common import settings as shared

SECRET_KEY = "insecure-test-secret-key-not-for-production"
SERVICE_NAME = "testservice"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.staticfiles",
    *shared.THIRD_PARTY_APPS,
]
MIDDLEWARE = [
    "shop_common.request_id.RequestIDMiddleware",
    "django.middleware.common.CommonMiddleware",
]
ROOT_URLCONF = "tests.urls"
DATABASES = {}
USE_TZ = True
TIME_ZONE = "UTC"
TEMPLATES = shared.TEMPLATES
STATIC_URL = "/static/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
JWT_SIGNING_KEY = "insecure-test-jwt-signing-key-not-for-production"
SIMPLE_JWT = shared.simple_jwt(signing_key=JWT_SIGNING_KEY)
# As shop_common.settings.service_keys() builds them: this test service calls
# catalog and auth, and admits order and payment.
SERVICE_SIGNING_KEYS = {
    "catalog": "insecure-test-testservice-to-catalog-key-not-for-production",
    "auth": "insecure-test-testservice-to-auth-key-not-for-production",
}
SERVICE_CALLER_KEYS = {
    "order": "insecure-test-order-to-testservice-key-not-for-production",
    "payment": "insecure-test-payment-to-testservice-key-not-for-production",
}
WEBHOOK_SECRET = "insecure-test-webhook-secret-not-for-production"
SERVICE_URLS = {"catalog": "http://catalog.test", "auth": "http://auth.test"}
SERVICE_TIMEOUT_SECONDS = 0.5
REST_FRAMEWORK = shared.rest_framework()
SPECTACULAR_SETTINGS = shared.spectacular(title="test")
READINESS_CHECKS = []
LOGGING = shared.logging_config(service=SERVICE_NAME)
