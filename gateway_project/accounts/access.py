"""Who may see a page, and where to go after signing in.

`shopper_required` is for any gateway page that needs a signed-in shopper;
`next_url_safe` keeps `?next=` from sending anyone to another site."""

from functools import wraps
from urllib.parse import urlencode, urlsplit

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

# Longer `next` values are ignored: no page of ours needs one.
NEXT_MAX_LENGTH = 2000


def next_url_safe(request, candidate: str | None, *, default: str = "/") -> str:
    """Returns `candidate` when it is a URL on this site (a path, or this
    host with the request's scheme), else `default`."""
    if (
        candidate
        and len(candidate) <= NEXT_MAX_LENGTH
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return candidate
    return default


def login_url(*, next_url: str | None = None) -> str:
    """Returns the login page's URL, coming back to `next_url` afterwards."""
    url = reverse("accounts:login")
    return (
        f"{url}?{urlencode({'next': next_url}, safe='/')}" if next_url and next_url != "/" else url
    )


def _return_path(request) -> str:
    """Where to come back to after signing in: a GET comes back to itself; a
    form sent while signed out to the page it was sent from (when the Referer
    is a page of ours), else the home page."""
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    referer = next_url_safe(request, request.headers.get("Referer"), default="")
    if not referer:
        return "/"
    parts = urlsplit(referer)
    return parts.path + (f"?{parts.query}" if parts.query else "") or "/"


def shopper_required(view):
    """Runs the view for a signed-in shopper; sends anyone else to the login
    page, with `next` set to come back."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if getattr(request, "shopper", None) is None:
            return redirect(login_url(next_url=_return_path(request)))
        return view(request, *args, **kwargs)

    return wrapped
