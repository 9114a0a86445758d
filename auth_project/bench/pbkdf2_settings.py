"""Bench-only settings (`make bench-auth`): the service as `make run` serves
it, with PBKDF2 (Django's default before Argon2id) hashing first, for the
comparison. Never used outside the benchmark."""

from config.settings.base import *  # noqa: F403

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "users.hashers.Argon2idPasswordHasher",
]
