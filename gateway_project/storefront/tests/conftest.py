"""Fixtures of the storefront's tests: stubbing one service answer in a line."""

import json

import pytest
import requests
import responses
from conftest import service_url


class Services:
    """The `backends` mock with shortcuts: `services.stub("GET", "cart", "/cart",
    json=...)`, `services.down("cart", "/cart")`, and the calls made."""

    def __init__(self, mock: responses.RequestsMock):
        self.mock = mock

    def stub(self, method: str, service: str, path: str, *, status: int = 200, **kwargs):
        return self.mock.add(method, service_url(service, path), status=status, **kwargs)

    def down(self, service: str, path: str, *, method: str = "GET"):
        """The service cannot be reached at all."""
        return self.mock.add(
            method, service_url(service, path), body=requests.ConnectionError("refused")
        )

    @property
    def calls(self):
        return self.mock.calls

    def sent(self) -> list[str]:
        """Every request the gateway sent, as "METHOD /path", in order."""
        return [
            f"{call.request.method} {requests.utils.urlparse(call.request.url).path}"
            for call in self.mock.calls
        ]

    def requests_to(self, path: str, *, method: str | None = None) -> list:
        """The requests the gateway sent to `path` (any service), in order."""
        return [
            call.request
            for call in self.mock.calls
            if requests.utils.urlparse(call.request.url).path == path
            and (method is None or call.request.method == method)
        ]


def body_of(request) -> dict:
    return json.loads(request.body)


@pytest.fixture
def services(backends) -> Services:
    return Services(backends)
