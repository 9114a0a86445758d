"""The login cookies: the auth service's access and refresh tokens, HttpOnly
and SameSite=Lax (Secure when the request came over HTTPS), so page scripts
never read them and other sites' forms never send them."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from api_proxy.routes import ADMIN_AREAS
from shop_common.errors import ServiceUnavailable


def token_pair_read(body) -> tuple[str, str]:
    """Returns `(access, refresh)` from the auth service's answer to a login
    or refresh; an answer without both is a broken service, not a 500."""
    if isinstance(body, dict):
        access, refresh = body.get("access"), body.get("refresh")
        if isinstance(access, str) and access and isinstance(refresh, str) and refresh:
            return access, refresh
    raise ServiceUnavailable("The auth service answered badly.")


def login_cookies_set(
    *, request: HttpRequest, response: HttpResponse, access: str, refresh: str
) -> None:
    """Stores a token pair. The refresh cookie lives as long as the refresh
    token; the access cookie as long too, since an expired access token is
    refreshed transparently (accounts.middleware)."""
    max_age = int(settings.SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"].total_seconds())
    for name, value in (
        (settings.LOGIN_ACCESS_COOKIE, access),
        (settings.LOGIN_REFRESH_COOKIE, refresh),
    ):
        response.set_cookie(
            name,
            value,
            max_age=max_age,
            path="/",
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )


def login_cookies_clear(*, response: HttpResponse) -> None:
    for name in (settings.LOGIN_ACCESS_COOKIE, settings.LOGIN_REFRESH_COOKIE):
        response.delete_cookie(name, path="/", samesite="Lax")
    # The staff console's areas keep sessions of their own (single sign-on
    # from this login): the login ending ends them in this browser too.
    for area, service in ADMIN_AREAS.items():
        response.delete_cookie(f"{service}_sessionid", path=f"/admin/{area}/")
