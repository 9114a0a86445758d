"""Who may use the staff console: a signed-in admin (role `admin` in the
auth service's token)."""

import functools

from django.http import HttpRequest

from accounts.access import shopper_required
from storefront.errors import permission_denied


def staff_required(view_func):
    """Runs the view for a signed-in admin. An anonymous visitor goes to
    `/login?next=<page>`, and so does an admin whose token a service refused
    (a `BackendRefused` 401 out of the view): both as
    `accounts.access.shopper_required` does. A signed-in customer gets the
    403 page (`storefront.errors.permission_denied`, as the areas' proxy
    does)."""

    @shopper_required
    @functools.wraps(view_func)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.shopper.is_admin:
            return permission_denied(request)
        return view_func(request, *args, **kwargs)

    return wrapper
