"""Stateless JWT authentication for every service but auth.

The services verify the auth service's access tokens with the shared key and
never call auth per request. SimpleJWT's own stateless class does the work;
this module only configures which user object it builds.
"""

from functools import cached_property

from rest_framework_simplejwt.authentication import JWTStatelessUserAuthentication
from rest_framework_simplejwt.models import TokenUser

from shop_common import roles


class ShopTokenUser(TokenUser):
    """The user a verified access token describes: `id` (UUID string from
    `sub`), `email` and `role`, read from the claims without a database."""

    @cached_property
    def email(self) -> str:
        return self.token.get("email", "")

    @cached_property
    def role(self) -> str:
        return self.token.get("role", roles.CUSTOMER)

    @cached_property
    def is_admin(self) -> bool:
        return self.role == roles.ADMIN

    @cached_property
    def is_staff(self) -> bool:
        return self.is_admin

    @cached_property
    def is_superuser(self) -> bool:
        return self.is_admin


class StatelessJWTAuthentication(JWTStatelessUserAuthentication):
    """Bearer access tokens, checked for signature, expiry and token type.

    Returns `(ShopTokenUser, token)` for a good token, `None` when there is no
    Bearer header, and raises `AuthenticationFailed` for a bad one (SimpleJWT's
    behaviour, which is DRF's convention)."""

    www_authenticate_realm = "api"


def bearer_token_of(request) -> str:
    """Returns the caller's access token exactly as it was sent, for
    forwarding to another service on the user's behalf.

    Not `str(request.auth)`: that re-encodes the token, which needs the
    signing key, and a service holding only the RS256 public key has none."""
    raw = request.auth.token
    return raw.decode() if isinstance(raw, bytes) else str(raw)
