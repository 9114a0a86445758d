"""The test service configured as every non-auth service is under RS256:
only the public key (JWT_PUBLIC_KEY), read by shared.jwt_keys()."""

from shop_common import settings as shared

from .settings import *  # noqa: F403

JWT_ALGORITHM, JWT_SIGNING_KEY, JWT_VERIFYING_KEY = shared.jwt_keys()
SIMPLE_JWT = shared.simple_jwt(
    signing_key=JWT_SIGNING_KEY, verifying_key=JWT_VERIFYING_KEY, algorithm=JWT_ALGORITHM
)
