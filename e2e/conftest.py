"""End-to-end fixtures: the real services that `devstack test` started.

Service base URLs come from AUTH_URL, CATALOG_URL, CART_URL, ORDER_URL,
PAYMENT_URL and GATEWAY_URL; the admin login from ADMIN_EMAIL/ADMIN_PASSWORD.
"""

import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import requests

TIMEOUT = 10


def url(service: str) -> str:
    return os.environ.get(f"{service.upper()}_URL", "").rstrip("/") or pytest.fail(
        f"{service.upper()}_URL is not set: run the e2e suite through `make test`"
    )


@dataclass
class Session:
    """A logged-in user: calls any service with its bearer token."""

    email: str
    access: str
    refresh: str

    def call(self, method: str, service: str, path: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.access}", **kwargs.pop("headers", {})}
        return requests.request(
            method, url(service) + path, headers=headers, timeout=TIMEOUT, **kwargs
        )


def login(email: str, password: str) -> Session:
    response = requests.post(
        url("auth") + "/auth/login", json={"email": email, "password": password}, timeout=TIMEOUT
    )
    assert response.status_code == 200, response.text
    body = response.json()
    return Session(email=email, access=body["access"], refresh=body["refresh"])


@pytest.fixture
def customer() -> Session:
    email = f"e2e-{uuid.uuid4().hex[:12]}@example.com"
    password = "correct-horse-battery-staple"
    response = requests.post(
        url("auth") + "/auth/register", json={"email": email, "password": password}, timeout=TIMEOUT
    )
    assert response.status_code == 201, response.text
    return login(email, password)


@pytest.fixture(scope="session")
def admin() -> Session:
    return login(os.environ["ADMIN_EMAIL"], os.environ["ADMIN_PASSWORD"])


@pytest.fixture
def product_factory(admin) -> Callable[..., dict]:
    def create(*, price: str = "19.90", stock: int = 5) -> dict:
        response = admin.call(
            "POST",
            "catalog",
            "/products",
            json={
                "sku": f"E2E-{uuid.uuid4().hex[:10]}",
                "name": "End-to-end mug",
                "price": price,
                "stock": stock,
            },
        )
        assert response.status_code == 201, response.text
        return response.json()

    return create


def wait_for(predicate: Callable[[], bool], *, timeout: float = 30, interval: float = 0.3) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()
