"""Forwarding one request to a service and its answer back, as a reverse
proxy does: method, query, body, status and content type kept; only the
end-to-end headers that matter cross; hop-by-hop headers never do.

One pooled `requests.Session` per process, shared by every thread: its
connection pool is thread-safe, and its cookie jar refuses every cookie, so
nothing of one caller's exchange can leak into another's."""

import logging
from collections.abc import Callable
from http.cookiejar import DefaultCookiePolicy
from http.cookies import CookieError, Morsel, SimpleCookie

import requests
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from requests.adapters import HTTPAdapter

from shop_common.request_id import HEADER as REQUEST_ID_HEADER
from shop_common.request_id import request_id_get

logger = logging.getLogger(__name__)

# Request headers a client may pass on to a service.
FORWARDED_REQUEST_HEADERS = ("Accept", "Content-Type", "Idempotency-Key", "Authorization")
# RFC 9110 §7.6.1, plus what the proxy recomputes itself.
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)
_NOT_RETURNED = HOP_BY_HOP | {
    "content-length",  # recomputed for the body we send
    "content-encoding",  # requests has already decoded the body
    "set-cookie",  # a service's cookies never reach the storefront's origin
    "server",
    "date",
    REQUEST_ID_HEADER.lower(),  # the gateway's middleware echoes the same id
}


def _session_new() -> requests.Session:
    session = requests.Session()
    session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
    session.trust_env = False  # no proxy variables between the gateway and the services
    adapter = HTTPAdapter(pool_connections=8, pool_maxsize=settings.API_PROXY_POOL_SIZE)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


_session: requests.Session | None = None


def session_get() -> requests.Session:
    global _session
    if _session is None:
        _session = _session_new()
    return _session


def _hop_by_hop_of(headers) -> set[str]:
    """Hop-by-hop headers, including those the Connection header names."""
    named = {
        token.strip().lower() for token in headers.get("Connection", "").split(",") if token.strip()
    }
    return HOP_BY_HOP | named


def _unavailable_json(service: str) -> HttpResponse:
    return JsonResponse(
        {"detail": f"The {service} service is unavailable. Try again later."}, status=503
    )


def _cookies_under(answer: requests.Response, path: str) -> list[Morsel]:
    """The answer's cookies scoped to `path` or below it, each Set-Cookie
    header read on its own (requests folds them into one string)."""
    morsels = []
    for header in answer.raw.headers.getlist("Set-Cookie") if answer.raw else []:
        jar = SimpleCookie()
        try:
            jar.load(header)
        except CookieError:
            continue
        morsels += [m for m in jar.values() if (m["path"] or "/").startswith(path)]
    return morsels


def forward(
    *,
    service: str,
    method: str,
    path: str,
    query: str,
    body: bytes,
    headers: dict[str, str],
    public_base: str,
    cookies_path: str | None = None,
    unavailable: Callable[[str], HttpResponse] = _unavailable_json,
) -> HttpResponse:
    """Sends the request to `service` and returns its answer as a Django
    response; `unavailable(service)` (503 `{"detail"}` by default) when the
    service is unreachable or too slow.

    `public_base` is what the service's own base URL becomes in the answer
    (pagination links, Location), so that clients stay on the gateway. The
    service's cookies are dropped, except those scoped to `cookies_path`."""
    base = settings.SERVICE_URLS[service].rstrip("/")
    url = f"{base}/{path}" + (f"?{query}" if query else "")
    outgoing = {REQUEST_ID_HEADER: request_id_get(), **headers}
    try:
        answer = session_get().request(
            method,
            url,
            data=body or None,
            headers=outgoing,
            timeout=(settings.SERVICE_TIMEOUT_SECONDS, settings.API_PROXY_TIMEOUT_SECONDS),
            allow_redirects=False,
            stream=False,
        )
    except requests.RequestException as exc:
        logger.warning("%s %s/%s failed: %s", method, service, path, type(exc).__name__)
        return unavailable(service)
    content = answer.content
    content_type = answer.headers.get("Content-Type", "")
    if content_type.startswith("application/json") and base.encode() in content:
        content = content.replace(f"{base}/".encode(), public_base.encode())
    response = HttpResponse(content, status=answer.status_code)
    if not content_type:
        del response["Content-Type"]
    dropped = _hop_by_hop_of(answer.headers) | _NOT_RETURNED
    for name, value in answer.headers.items():
        if name.lower() in dropped:
            continue
        if name.lower() == "location" and value.startswith(f"{base}/"):
            value = public_base + value[len(base) + 1 :]
        response[name] = value
    if cookies_path:
        for morsel in _cookies_under(answer, cookies_path):
            response.cookies[morsel.key] = morsel
    return response
