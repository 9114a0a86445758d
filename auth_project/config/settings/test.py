"""Test settings: loud placeholder secrets, fast hashing, the test database."""

from shop_common.settings import test_placeholders_set

test_placeholders_set()

from .base import *  # noqa: E402, F403

# Fast hashing for every test but those of hashing itself, which put the
# production list back (users/tests/test_password_hashing.py).
PRODUCTION_PASSWORD_HASHERS = PASSWORD_HASHERS  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
