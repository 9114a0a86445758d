"""Service-to-service credentials.

A calling service mints a short-lived JWT for one target service and sends it
as `Authorization: Service <token>`. It is signed with the key of that one
link (caller -> target, shop_common.internal_calls), a key that user tokens
are never signed with and that only the caller and the target hold, and
carries `role: service`, `token_type: service`, the caller in `iss` and the
target in `aud`. The target verifies it with the key of the caller the token
names: an issuer it holds no key for (cart, gateway, any other) is refused
with 401, as is a token signed with any other key, so no service can pass
itself off as another, a user's token (even an admin's) never passes an
internal endpoint, and a token minted for one service is refused by another.
See docs/security.md.
"""

import time
import uuid

import jwt
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from rest_framework import authentication, exceptions

from shop_common import roles

SCHEME = "Service"
TOKEN_TYPE = "service"
ALGORITHM = "HS256"
LIFETIME_SECONDS = 60


def service_token_mint(*, audience: str, issuer: str | None = None, key: str | None = None) -> str:
    """Returns a service token for calling the `audience` service, signed with
    this service's key for that target (`settings.SERVICE_SIGNING_KEYS`), or
    with `key` (tests). Raises ImproperlyConfigured when this service holds no
    key for `audience`: it does not call that service's internal endpoints."""
    if key is None:
        key = getattr(settings, "SERVICE_SIGNING_KEYS", {}).get(audience)
        if not key:
            raise ImproperlyConfigured(
                f"The {settings.SERVICE_NAME} service holds no key for calling {audience} "
                "(shop_common.internal_calls)."
            )
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
    return jwt.encode(claims, key, algorithm=ALGORITHM)


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

    Returns `(ServiceCaller, claims)` for a token signed with the key of the
    caller its `iss` names (`settings.SERVICE_CALLER_KEYS`) and addressed to
    this service (`aud`), `None` for any other scheme, and raises
    `AuthenticationFailed` (401) for any other service token: malformed,
    expired, from an issuer this service holds no key for, signed with
    another key, or for another audience. Which of the known callers may use
    an endpoint is the permission's business (shop_common.permissions)."""

    def authenticate_header(self, request) -> str:
        return SCHEME

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode("latin-1") != SCHEME:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Malformed service credential.")
        token = header[1]
        try:
            # Only to pick the key: nothing of it is trusted before the
            # signature is checked with that key below.
            issuer = jwt.decode(token, options={"verify_signature": False}).get("iss")
        except jwt.PyJWTError as exc:
            raise exceptions.AuthenticationFailed("Invalid service credential.") from exc
        caller_keys = getattr(settings, "SERVICE_CALLER_KEYS", {})
        key = caller_keys.get(issuer) if isinstance(issuer, str) else None
        if not key:
            raise exceptions.AuthenticationFailed("Invalid service credential.")
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[ALGORITHM],
                audience=settings.SERVICE_NAME,
                issuer=issuer,
                options={"require": ["exp", "iat", "iss", "aud"]},
            )
        except jwt.PyJWTError as exc:
            raise exceptions.AuthenticationFailed("Invalid service credential.") from exc
        if claims.get("token_type") != TOKEN_TYPE or claims.get("role") != roles.SERVICE:
            raise exceptions.AuthenticationFailed("Invalid service credential.")
        return ServiceCaller(str(claims["iss"])), claims
