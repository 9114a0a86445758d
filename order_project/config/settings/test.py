"""Test settings: loud placeholder secrets, fast hashing, the test database."""

from shop_common.settings import test_placeholders_set

test_placeholders_set()

from .base import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
