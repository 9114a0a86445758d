"""Test helpers every service's tests use: tokens as the auth service mints them."""

from datetime import timedelta

from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken

from shop_common import roles
from shop_common.service_tokens import SCHEME as SERVICE_SCHEME
from shop_common.service_tokens import service_token_mint


def access_token_mint(
    *,
    user_id: str,
    email: str = "user@example.com",
    role: str = roles.CUSTOMER,
    lifetime: timedelta | None = None,
) -> str:
    """Returns an access token with the claims the auth service puts in one."""
    token = AccessToken()
    token["sub"] = str(user_id)
    token["email"] = email
    token["role"] = role
    if lifetime is not None:
        token.set_exp(lifetime=lifetime)
    return str(token)


def api_client_as_user(
    *, user_id: str, email: str = "user@example.com", role: str = roles.CUSTOMER
) -> APIClient:
    """Returns a DRF test client sending a Bearer token for that user."""
    client = APIClient()
    token = access_token_mint(user_id=user_id, email=email, role=role)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def api_client_as_service(*, audience: str, issuer: str = "test") -> APIClient:
    """Returns a DRF test client sending a service credential for `audience`."""
    client = APIClient()
    token = service_token_mint(audience=audience, issuer=issuer)
    client.credentials(HTTP_AUTHORIZATION=f"{SERVICE_SCHEME} {token}")
    return client
