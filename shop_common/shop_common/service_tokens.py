"""Service-to-service credentials.

A calling service mints a short-lived JWT for one target service and sends it
as `Authorization: Service <token>`. It is signed with `SERVICE_SIGNING_KEY`,
a key that user tokens are never signed with, and carries `role: service`,
`token_type: service`, the caller in `iss` and the target in `aud`. A user's
token, even an admin's, therefore never passes an internal endpoint, and a
token minted for one service is refused by another. See docs/security.md.
"""

import time
import uuid

import jwt
from django.conf import settings
from rest_framework import authentication, exceptions

from shop_common import roles

SCHEME = "Service"
TOKEN_TYPE = "service"
ALGORITHM = "HS256"
LIFETIME_SECONDS = 60


def service_token_mint(*, audience: str, issuer: str | None = None) -> str:
    """Returns a signed service token for calling the `audience` service."""
    now = int(time.time())
    claims = {
        "iss": issuer or settings.SERVICE_NAME,
        "aud": audience,
        "role": roles.SERVICE,
        "token_type": TOKEN_TYPE,
        "iat": now,
        "exp": now + LIFETIME_SECONDS,
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, settings.SERVICE_SIGNING_KEY, algorithm=ALGORITHM)


class ServiceCaller:
    """The authenticated caller of an internal endpoint: another service."""

    is_authenticated = True
    is_anonymous = False
    is_admin = False
    is_staff = False
    role = roles.SERVICE

    def __init__(self, name: str):
        self.id = name
        self.name = name

    def __str__(self) -> str:
        return f"service:{self.name}"


class ServiceTokenAuthentication(authentication.BaseAuthentication):
    """Authenticates `Authorization: Service <token>`.

    Returns `(ServiceCaller, claims)` for a valid token, `None` for any other
    scheme, and raises `AuthenticationFailed` for a bad service token."""

    def authenticate_header(self, request) -> str:
        return SCHEME

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode("latin-1") != SCHEME:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Malformed service credential.")
        try:
            claims = jwt.decode(
                header[1],
                settings.SERVICE_SIGNING_KEY,
                algorithms=[ALGORITHM],
                audience=settings.SERVICE_NAME,
                options={"require": ["exp", "iat", "iss", "aud"]},
            )
        except jwt.PyJWTError as exc:
            raise exceptions.AuthenticationFailed("Invalid service credential.") from exc
        if claims.get("token_type") != TOKEN_TYPE or claims.get("role") != roles.SERVICE:
            raise exceptions.AuthenticationFailed("Invalid service credential.")
        return ServiceCaller(str(claims["iss"])), claims
