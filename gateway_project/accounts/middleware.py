"""Who is shopping: the login cookies turned into `request.shopper`.

An expired (or missing) access token with a refresh token beside it is
refreshed at the auth service before the view runs, and the new pair is
written back on the response, so the shopper never sees the expiry."""

from dataclasses import dataclass

from django.conf import settings
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import AccessToken

from accounts.cookies import login_cookies_clear, login_cookies_set, token_pair_read
from backends.auth import auth_refresh
from backends.errors import BackendRefused
from shop_common import roles
from shop_common.errors import ServiceUnavailable


@dataclass(frozen=True)
class Shopper:
    """A signed-in person, read from a verified access token."""

    id: str
    email: str
    role: str
    access_token: str

    @property
    def is_admin(self) -> bool:
        return self.role == roles.ADMIN


def shopper_from_access_token(token: str) -> Shopper | None:
    """Returns the shopper a valid access token names, or None."""
    try:
        claims = AccessToken(token)
    except TokenError:
        return None
    if claims.get("role") not in roles.USER_ROLES or not claims.get("sub"):
        return None
    return Shopper(
        id=str(claims["sub"]),
        email=str(claims.get("email", "")),
        role=str(claims["role"]),
        access_token=token,
    )


class LoginCookieMiddleware:
    """Sets `request.shopper` (a `Shopper` or None),
    `request.shopper_from_cookie` (True when the cookie, not an Authorization
    header, carries the login: the /api proxy then demands the CSRF token) and
    `request.login_refresh_token` (the refresh token in force: the cookie's,
    or the new one when this request refreshed; what logout revokes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        access = request.COOKIES.get(settings.LOGIN_ACCESS_COOKIE, "")
        refresh = request.COOKIES.get(settings.LOGIN_REFRESH_COOKIE, "")
        request.shopper = shopper_from_access_token(access) if access else None
        request.shopper_from_cookie = request.shopper is not None
        request.login_refresh_token = refresh
        renewed: tuple[str, str] | None = None
        revoked = False
        if request.shopper is None and refresh:
            try:
                renewed = token_pair_read(auth_refresh(refresh=refresh))
            except BackendRefused:
                revoked = True  # used, expired or revoked: the login is over
                request.login_refresh_token = ""
            except ServiceUnavailable:
                pass  # keep the cookies; the next request tries again
            if renewed:
                request.shopper = shopper_from_access_token(renewed[0])
                request.shopper_from_cookie = request.shopper is not None
                request.login_refresh_token = renewed[1]
        response = self.get_response(request)
        if getattr(request, "login_cookies_written", False):
            return response  # the view signed in or out itself
        if renewed and request.shopper:
            login_cookies_set(
                request=request, response=response, access=renewed[0], refresh=renewed[1]
            )
        elif revoked or renewed or (access and request.shopper is None and not refresh):
            # Refused, or renewed into a token that names nobody: signed out.
            login_cookies_clear(response=response)
        return response
