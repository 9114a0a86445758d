"""The base HTTP client for calls between services.

Every request has a timeout, carries the current X-Request-ID and a credential
(the user's own token, or a service token for internal endpoints), and any
connection failure, timeout, 5xx or unreadable body becomes one exception,
`ServiceUnavailable`, which the API answers as 503.

Service clients are modules of keyword-only functions built on it, e.g.
`catalog_products_get(*, ids)` in a service's own `clients/catalog.py`.
"""

import logging
import threading
from typing import Any

import requests
from django.conf import settings

from shop_common.errors import ServiceUnavailable
from shop_common.request_id import HEADER as REQUEST_ID_HEADER
from shop_common.request_id import request_id_get
from shop_common.service_tokens import SCHEME as SERVICE_SCHEME
from shop_common.service_tokens import service_token_mint

logger = logging.getLogger(__name__)

_sessions = threading.local()


def _session() -> requests.Session:
    # One keep-alive session per thread: requests.Session is not thread-safe.
    session = getattr(_sessions, "session", None)
    if session is None:
        session = _sessions.session = requests.Session()
    return session


class ServiceClient:
    """Calls one named service; its base URL comes from `settings.SERVICE_URLS`."""

    def __init__(self, name: str):
        self.name = name

    @property
    def base_url(self) -> str:
        return settings.SERVICE_URLS[self.name].rstrip("/")

    def request(
        self,
        method: str,
        path: str,
        *,
        user_token: str | None = None,
        as_service: bool = False,
        headers: dict[str, str] | None = None,
        timeout: float | None = None,
        **kwargs: Any,
    ) -> requests.Response:
        """Returns the response for any status below 500; raises
        `ServiceUnavailable` when the service cannot answer properly."""
        all_headers = {REQUEST_ID_HEADER: request_id_get(), **(headers or {})}
        if as_service:
            all_headers["Authorization"] = (
                f"{SERVICE_SCHEME} {service_token_mint(audience=self.name)}"
            )
        elif user_token:
            all_headers["Authorization"] = f"Bearer {user_token}"
        url = f"{self.base_url}{path}"
        try:
            response = _session().request(
                method,
                url,
                headers=all_headers,
                timeout=timeout or settings.SERVICE_TIMEOUT_SECONDS,
                **kwargs,
            )
        except requests.RequestException as exc:
            logger.warning("%s %s%s failed: %s", method, self.name, path, type(exc).__name__)
            raise ServiceUnavailable(f"The {self.name} service is unavailable.") from exc
        if response.status_code >= 500:
            logger.warning("%s %s%s answered %s", method, self.name, path, response.status_code)
            raise ServiceUnavailable(f"The {self.name} service is unavailable.")
        return response

    def json_of(self, response: requests.Response) -> Any:
        """Returns the decoded body; an unreadable one means the service is broken."""
        try:
            return response.json()
        except (ValueError, RecursionError) as exc:
            raise ServiceUnavailable(f"The {self.name} service answered badly.") from exc

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("DELETE", path, **kwargs)
