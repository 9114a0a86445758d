"""Role permissions shared by the services."""

from django.core.exceptions import ImproperlyConfigured
from rest_framework.permissions import SAFE_METHODS, BasePermission

from shop_common import roles


def _role(request) -> str | None:
    user = request.user
    if not user or not user.is_authenticated:
        return None
    return getattr(user, "role", None)


class IsAdminRole(BasePermission):
    """Allows a user token whose `role` claim is `admin`."""

    message = "This action requires the admin role."

    def has_permission(self, request, view) -> bool:
        return _role(request) == roles.ADMIN


class IsUser(BasePermission):
    """Allows any user token (customer or admin), never a service token."""

    def has_permission(self, request, view) -> bool:
        return _role(request) in roles.USER_ROLES


class IsAdminRoleOrReadOnly(BasePermission):
    """Reads for anyone; writes only for the admin role."""

    message = "This action requires the admin role."

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or _role(request) == roles.ADMIN


class IsService(BasePermission):
    """Allows only a service credential (see shop_common.service_tokens)."""

    message = "This endpoint is for internal service calls only."

    def has_permission(self, request, view) -> bool:
        return _role(request) == roles.SERVICE


class IsServiceCaller(IsService):
    """Allows only a service credential issued by one of the view's
    `service_callers` (the token's `iss`), so an internal endpoint answers
    only the services that need it. Any other caller's credential is 403."""

    message = "This internal endpoint is not for this caller."

    def has_permission(self, request, view) -> bool:
        callers = getattr(view, "service_callers", None)
        if not callers:
            raise ImproperlyConfigured(f"{type(view).__name__} names no service_callers.")
        return super().has_permission(request, view) and request.user.name in callers
