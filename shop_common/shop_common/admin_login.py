"""Staff sign-in for every service's Django admin, against the auth service.

The services other than auth keep no passwords. Their admin login form hands
the email and password to this backend, which asks the auth service to log in,
verifies the returned access token with the shared key, and admits only the
`admin` role. A local staff record (no usable password) is kept so Django's
admin sessions, permissions and logs have a user to point at.
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


class AuthServiceBackend(BaseBackend):
    """Returns the local staff user for a valid admin login, else None."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password:
            return None
        try:
            response = auth_service.post(
                "/auth/login", json={"email": username, "password": password}
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
        email = str(token.get("email") or username).lower()
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

    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            return user_model.objects.get(pk=user_id, is_staff=True, is_active=True)
        except user_model.DoesNotExist:
            return None
