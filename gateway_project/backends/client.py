"""The gateway's client of the other services: shop_common's client, plus the
shopper's address in X-Forwarded-For so that per-address limits (failed
logins) count the real client, not the gateway."""

import contextvars
from typing import Any

import requests
from django.conf import settings

from backends.errors import BackendRefused
from shop_common.errors import ServiceUnavailable
from shop_common.http_client import ServiceClient

_forwarded_for: contextvars.ContextVar[str] = contextvars.ContextVar("forwarded_for", default="")


def forwarded_for_of(request) -> str:
    """Returns the X-Forwarded-For chain to send on: what the client sent,
    with the address the gateway saw appended (the services trust exactly
    that last hop)."""
    remote = request.META.get("REMOTE_ADDR", "")
    incoming = request.META.get("HTTP_X_FORWARDED_FOR", "").strip()
    return f"{incoming}, {remote}" if incoming else remote


class ForwardedForMiddleware:
    """Remembers the request's forwarding chain for the calls it makes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _forwarded_for.set(forwarded_for_of(request))
        try:
            return self.get_response(request)
        finally:
            _forwarded_for.reset(token)


class GatewayClient(ServiceClient):
    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        if method != "GET":
            # A write may chain calls behind it (checkout: cart, catalog,
            # reservation): connect as fast as any call, wait longer for it.
            kwargs.setdefault(
                "timeout", (settings.SERVICE_TIMEOUT_SECONDS, settings.API_PROXY_TIMEOUT_SECONDS)
            )
        forwarded = _forwarded_for.get()
        if forwarded:
            kwargs["headers"] = {"X-Forwarded-For": forwarded, **(kwargs.get("headers") or {})}
        return super().request(method, path, **kwargs)

    def results(self, response: requests.Response) -> list:
        """Returns the `results` of a page; a page without them means the
        service is broken."""
        page = self.body(response)
        if not isinstance(page, dict) or not isinstance(page.get("results"), list):
            raise ServiceUnavailable(f"The {self.name} service answered badly.")
        return page["results"]

    def body(self, response: requests.Response, *, ok: tuple[int, ...] = (200,)) -> Any:
        """Returns the decoded body of an expected answer; raises
        `BackendRefused` for a 4xx (`ServiceUnavailable` came earlier for 5xx)."""
        if response.status_code in ok:
            return None if response.status_code == 204 else self.json_of(response)
        try:
            payload = response.json()
        except ValueError:
            payload = {}
        raise BackendRefused(
            service=self.name,
            status=response.status_code,
            body=payload,
            retry_after=response.headers.get("Retry-After"),
        )
