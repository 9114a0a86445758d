"""Staff sign-in for every service's Django admin, against the auth service.

The services other than auth keep no passwords. Their admin login form hands
the email and password to this backend, which asks the auth service to log in,
verifies the returned access token with the shared key, and admits only the
`admin` role. A local staff record (no usable password) is kept so Django's
admin sessions, permissions and logs have a user to point at.

The sign-in request's `X-Forwarded-For` goes on to auth unchanged (the gateway
has already appended the address it saw, and auth trusts exactly one hop), so
failed sign-ins at an area's form count against the real client's address.
The staff rights are re-checked later by shop_common.admin_access.
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import AccessToken

from shop_common import roles
from shop_common.errors import ServiceUnavailable
from shop_common.http_client import ServiceClient

logger = logging.getLogger(__name__)

auth_service = ServiceClient("auth")

# The auth service's id of the person a local staff user was signed in as,
# set on the user object handed to django.contrib.auth.login() so that
# shop_common.admin_access can keep it in the session.
AUTH_USER_ID_ATTRIBUTE = "auth_user_id"


def staff_user_get_or_create(*, email: str):
    """Returns the local staff record of the admin with this email, created
    (without a usable password) on first sign-in, made active staff again if
    it was not."""
    email = email.lower()
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=email,
        defaults={"email": email, "is_staff": True, "is_superuser": True},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    elif not (user.is_staff and user.is_superuser and user.is_active):
        user.is_staff = user.is_superuser = user.is_active = True
        user.save(update_fields=["is_staff", "is_superuser", "is_active"])
    return user


def _forwarded_for(request) -> dict[str, str]:
    """The header that tells auth who is signing in: the chain the gateway
    built, unchanged, or the address this service saw when no proxy sent one."""
    if request is None:
        return {}
    chain = request.headers.get("X-Forwarded-For", "").strip()
    if chain:
        return {"X-Forwarded-For": chain}
    address = request.META.get("REMOTE_ADDR", "")
    return {"X-Forwarded-For": address} if address else {}


class AuthServiceBackend(BaseBackend):
    """Returns the local staff user for a valid admin login, else None."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password:
            return None
        try:
            response = auth_service.post(
                "/auth/login",
                json={"email": username, "password": password},
                headers=_forwarded_for(request),
            )
        except ServiceUnavailable:
            logger.warning("admin login refused: auth service unavailable")
            return None
        if response.status_code != 200:
            return None
        try:
            token = AccessToken(auth_service.json_of(response)["access"])
        except (KeyError, TypeError, TokenError, ServiceUnavailable):
            return None
        if token.get("role") != roles.ADMIN:
            return None
        user = staff_user_get_or_create(email=str(token.get("email") or username))
        setattr(user, AUTH_USER_ID_ATTRIBUTE, str(token.get("sub") or ""))
        return user

    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            return user_model.objects.get(pk=user_id, is_staff=True, is_active=True)
        except user_model.DoesNotExist:
            return None
