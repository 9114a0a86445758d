"""Pages and actions that need a signed-in shopper."""

import functools

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect, QueryDict
from django.urls import reverse

from backends.errors import BackendRefused


def login_redirect(request: HttpRequest, *, next_url: str) -> HttpResponseRedirect:
    """To the login page, coming back to `next_url` afterwards."""
    query = QueryDict(mutable=True)
    query["next"] = next_url
    return HttpResponseRedirect(f"{reverse('accounts:login')}?{query.urlencode(safe='/')}")


def raise_if_signed_out(exc: BackendRefused) -> None:
    """Lets a 401 through to `shopper_required` (the login was revoked), for a
    view that shows the service's other refusals itself."""
    if exc.status == 401:
        raise exc


def shopper_required(view=None, *, back: str | None = None):
    """Sends an anonymous visitor to `/login?next=...`, and so too a shopper
    whose token a service refused (401: revoked, or the account disabled).

    `next` is the page itself; for a POST-only action, `back` names the page
    it belongs to (a URL name, reversed with the action's own URL kwargs):
    `@shopper_required(back="storefront:product")` on the add-to-cart action
    returns the shopper to the product after logging in."""

    def decorate(view_func):
        @functools.wraps(view_func)
        def wrapper(request: HttpRequest, *args, **kwargs):
            next_url = reverse(back, kwargs=kwargs) if back else request.get_full_path()
            if request.shopper is None:
                messages.info(request, "Please log in to continue.")
                return login_redirect(request, next_url=next_url)
            try:
                return view_func(request, *args, **kwargs)
            except BackendRefused as exc:
                if exc.status != 401:
                    raise
                messages.info(request, "Your session has ended. Please log in again.")
                response = login_redirect(request, next_url=next_url)
                # The refused access token goes; the refresh cookie stays, so
                # the next request gets a fresh token if the login still holds
                # (accounts.middleware), or clears both if it does not.
                response.delete_cookie(settings.LOGIN_ACCESS_COOKIE, path="/", samesite="Lax")
                request.login_cookies_written = True
                return response

        return wrapper

    return decorate(view) if view is not None else decorate
