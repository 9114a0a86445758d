"""Test settings: loud placeholder secrets, fast hashing, the test database."""

import os

for name, placeholder in {
    "DJANGO_SECRET_KEY": "insecure-test-secret-key-not-for-production",
    "JWT_SIGNING_KEY": "insecure-test-jwt-signing-key-not-for-production",
    "SERVICE_SIGNING_KEY": "insecure-test-service-signing-key-not-for-production",
    "WEBHOOK_SECRET": "insecure-test-webhook-secret-not-for-production",
}.items():
    os.environ.setdefault(name, placeholder)

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
