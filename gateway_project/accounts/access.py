"""Who may see a page, and where to go after signing in.

`shopper_required` guards any gateway page that needs a signed-in shopper;
`next_url_safe` keeps `?next=` from sending anyone to another site."""

import functools
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from backends.errors import BackendRefused

# Longer `next` values are ignored: no page of ours needs one.
NEXT_MAX_LENGTH = 2000


def next_url_safe(request: HttpRequest, candidate: str | None, *, default: str = "/") -> str:
    """Returns `candidate` when it is a URL on this site (a path from the
    root, or this host with the request's scheme) of printable characters,
    else `default`.

    A relative value ("account", "a\x00b") is refused too: `redirect()` would
    take it for a view name, and a name that does not resolve is a 500."""
    if (
        candidate
        and len(candidate) <= NEXT_MAX_LENGTH
        and candidate.isprintable()
        and (candidate.startswith("/") or urlsplit(candidate).scheme in ("http", "https"))
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return candidate
    return default


def login_url(*, next_url: str | None = None) -> str:
    """Returns the login page's URL, coming back to `next_url` afterwards."""
    url = reverse("accounts:login")
    if not next_url or next_url == "/":
        return url
    return f"{url}?{urlencode({'next': next_url}, safe='/')}"


def raise_if_signed_out(exc: BackendRefused) -> None:
    """Lets a 401 through to `shopper_required` (the login was revoked, or
    the token expired on the way), for a view that shows the service's other
    refusals itself."""
    if exc.status == 401:
        raise exc


def _return_path(request: HttpRequest, *, back: str | None, kwargs: dict) -> str:
    """Where to come back to after signing in: `back` (a URL name, reversed
    with the view's own URL kwargs when it takes them) when given, else the
    page itself."""
    if back:
        try:
            return reverse(back, kwargs=kwargs)
        except NoReverseMatch:
            return reverse(back)  # a page without the action's kwargs
    return request.get_full_path()


def shopper_required(view=None, *, back: str | None = None):
    """Runs the view for a signed-in shopper. Anyone else goes to
    `/login?next=...`, and so does a shopper whose token a service refused
    (a `BackendRefused` 401 out of the view): that access token is dropped
    and the refresh cookie kept, so the next request gets a fresh token if
    the login still holds (accounts.middleware), or ends it if it does not.

    `@shopper_required(back="storefront:product")` on a POST-only action
    returns the shopper to that page after logging in."""

    def decorate(view_func):
        @functools.wraps(view_func)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if getattr(request, "shopper", None) is None:
                messages.info(request, "Please log in to continue.")
                return redirect(login_url(next_url=_return_path(request, back=back, kwargs=kwargs)))
            try:
                return view_func(request, *args, **kwargs)
            except BackendRefused as exc:
                if exc.status != 401:
                    raise
                messages.info(request, "Your session has ended. Please log in again.")
                response = redirect(
                    login_url(next_url=_return_path(request, back=back, kwargs=kwargs))
                )
                response.delete_cookie(settings.LOGIN_ACCESS_COOKIE, path="/", samesite="Lax")
                request.login_cookies_written = True
                return response

        return wrapper

    return decorate(view) if view is not None else decorate
