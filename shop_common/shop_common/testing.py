"""Test helpers every service's tests use: tokens as the auth service mints them."""

from datetime import timedelta

from django.conf import settings
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


# Signs the credentials of issuers the service under test holds no key for.
UNLISTED_SERVICE_KEY = "insecure-test-key-of-no-link-not-for-production"


def api_client_as_service(
    *, audience: str, issuer: str = "test", key: str | None = None
) -> APIClient:
    """Returns a DRF test client sending a service credential from `issuer`
    for `audience`, signed with `key`, else with the key the service under
    test holds for `issuer` (so only the audience can be wrong), else with a
    key no service holds."""
    client = APIClient()
    if key is None:
        key = getattr(settings, "SERVICE_CALLER_KEYS", {}).get(issuer) or UNLISTED_SERVICE_KEY
    token = service_token_mint(audience=audience, issuer=issuer, key=key)
    client.credentials(HTTP_AUTHORIZATION=f"{SERVICE_SCHEME} {token}")
    return client


def admin_session_age(client, *, rights_checked: float = 0, signed_in: float = 0) -> None:
    """Moves a Django test client's admin session back in time: its last
    staff rights check by `rights_checked` seconds, its sign-in by `signed_in`
    (see shop_common.admin_access)."""
    from shop_common.admin_access import SESSION_RIGHTS_CHECKED_AT, SESSION_SIGNED_IN_AT

    session = client.session
    session[SESSION_RIGHTS_CHECKED_AT] -= rights_checked
    session[SESSION_SIGNED_IN_AT] -= signed_in
    session.save()
