"""`/api/...`: the services' APIs on the gateway's origin.

The caller's token comes from its `Authorization` header or, failing that,
from the login cookie; a cookie-authenticated unsafe request must carry the
CSRF token (a page script sends it in `X-CSRFToken`), since a browser sends
cookies along with any site's forms."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework.authentication import CSRFCheck

from api_proxy.forwarding import FORWARDED_REQUEST_HEADERS, forward
from api_proxy.routes import STATIC_OWNERS, owner_of
from backends.client import forwarded_for_of

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
