"""The gateway's reverse proxies: `/api/...` (the services' APIs),
`/static/<service>/...` (their static files) and `/admin/<area>/...` (their
Django admins, the staff console's areas), all on the gateway's origin.

The caller's token comes from its `Authorization` header or, failing that,
from the login cookie; a cookie-authenticated unsafe request must carry the
CSRF token (a page script sends it in `X-CSRFToken`), since a browser sends
cookies along with any site's forms."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from rest_framework.authentication import CSRFCheck

from api_proxy.forwarding import FORWARDED_REQUEST_HEADERS, forward
from api_proxy.routes import ADMIN_AREAS, STATIC_OWNERS, owner_of
from backends.client import forwarded_for_of
from storefront.errors import permission_denied

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def _csrf_refusal(request: HttpRequest) -> HttpResponse | None:
    """DRF's own CSRF check, as its SessionAuthentication runs it: a 403,
    or None when the token is right."""
    check = CSRFCheck(lambda _request: None)
    check.process_request(request)
    reason = check.process_view(request, None, (), {})
    if reason is None:
        return None
    return JsonResponse({"detail": f"CSRF check failed: {reason}"}, status=403)


def _outgoing_headers(request: HttpRequest) -> dict[str, str]:
    headers = {
        name: request.headers[name] for name in FORWARDED_REQUEST_HEADERS if name in request.headers
    }
    headers["X-Forwarded-For"] = forwarded_for_of(request)
    headers["X-Forwarded-Proto"] = request.scheme
    return headers


@csrf_exempt  # checked below, and only where a cookie carries the login
def proxy(request: HttpRequest, path: str) -> HttpResponse:
    service = owner_of(path)
    if service is None:
        return JsonResponse({"detail": "Not found."}, status=404)
    body = request.body  # read first: the CSRF check may parse a form body
    headers = _outgoing_headers(request)
    if "Authorization" not in headers and request.shopper is not None:
        if request.method not in _SAFE_METHODS:
            refusal = _csrf_refusal(request)
            if refusal is not None:
                return refusal
        headers["Authorization"] = f"Bearer {request.shopper.access_token}"
    return forward(
        service=service,
        method=request.method,
        path=path,
        query=request.META.get("QUERY_STRING", ""),
        body=body,
        headers=headers,
        public_base=request.build_absolute_uri("/api/"),
    )


def static(request: HttpRequest, service: str, path: str) -> HttpResponse:
    """A service's static files (its admin's CSS and JS, the catalog's product
    images) on the gateway's origin."""
    if service not in STATIC_OWNERS or request.method not in ("GET", "HEAD"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return forward(
        service=service,
        method=request.method,
        path=f"static/{service}/{path}",
        query="",
        body=b"",
        headers={name: request.headers[name] for name in ("Accept",) if name in request.headers},
        public_base=request.build_absolute_uri("/"),
    )


# What a browser sends that an admin page needs; cookies are filtered apart.
_ADMIN_REQUEST_HEADERS = (
    "Accept",
    "Accept-Language",
    "Content-Type",
    "If-Modified-Since",
    "If-None-Match",
    "Origin",
    "Referer",
    "User-Agent",
    "X-Requested-With",
)


def _area_unavailable(request: HttpRequest):
    def page(service: str) -> HttpResponse:
        return render(
            request,
            "error.html",
            {
                "title": "Unavailable",
                "text": f"The {service} service is unavailable right now. "
                "Please try again in a moment.",
            },
            status=503,
        )

    return page


@csrf_exempt  # the area's own service checks its own CSRF token and Origin
def admin_area(request: HttpRequest, area: str, path: str) -> HttpResponse:
    """One area of the staff console. The request goes on with the
    gateway's Host (so the service's redirects, CSRF origin check and cookie
    paths all name the gateway) and only the area's own cookies; a staff
    member signed in at the gateway goes with their access token, which the
    area accepts as a sign-in (single sign-on). A signed-in customer is
    refused here; an anonymous visitor gets the area's own login form."""
    service = ADMIN_AREAS[area]
    shopper = request.shopper
    if shopper is not None and not shopper.is_admin:
        return permission_denied(request)
    body = request.body
    headers = {
        name: request.headers[name] for name in _ADMIN_REQUEST_HEADERS if name in request.headers
    }
    cookies = "; ".join(
        f"{name}={value}"
        for name, value in request.COOKIES.items()
        if name.startswith(f"{service}_")
    )
    if cookies:
        headers["Cookie"] = cookies
    headers["Host"] = request.get_host()
    headers["X-Forwarded-For"] = forwarded_for_of(request)
    headers["X-Forwarded-Proto"] = request.scheme
    if shopper is not None:
        headers["Authorization"] = f"Bearer {shopper.access_token}"
    return forward(
        service=service,
        method=request.method,
        path=f"admin/{area}/{path}",
        query=request.META.get("QUERY_STRING", ""),
        body=body,
        headers=headers,
        public_base=request.build_absolute_uri("/"),
        cookies_path=f"/admin/{area}/",
        unavailable=_area_unavailable(request),
    )
