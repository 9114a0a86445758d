"""Fixtures every gateway test uses: the services stubbed at the HTTP
boundary (`responses`), and clients signed in through the login cookies."""

import uuid

import pytest
import responses
from django.conf import settings
from django.test import Client

from shop_common import roles
from shop_common.testing import access_token_mint


def service_url(name: str, path: str = "") -> str:
    """The URL of a service the gateway calls, as the stubs must match it."""
    return settings.SERVICE_URLS[name].rstrip("/") + path


def page_json(results: list, *, count: int | None = None, next_url=None, previous_url=None) -> dict:
    """A service's page of `results`, as every list endpoint answers."""
    return {
        "count": len(results) if count is None else count,
        "next": next_url,
        "previous": previous_url,
        "results": results,
    }


@pytest.fixture
def backends():
    """Every outgoing HTTP call must be stubbed; an unexpected one fails the test."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def client_signed_in(*, role: str = roles.CUSTOMER, email: str = "ann@example.com") -> Client:
    client = Client()
    client.shopper_id = str(uuid.uuid4())
    client.access_token = access_token_mint(user_id=client.shopper_id, email=email, role=role)
    client.cookies[settings.LOGIN_ACCESS_COOKIE] = client.access_token
    client.cookies[settings.LOGIN_REFRESH_COOKIE] = "refresh-token-of-ann"
    return client


@pytest.fixture
def shopper_client() -> Client:
    """A customer signed in by cookie (`.access_token`, `.shopper_id`)."""
    return client_signed_in()


@pytest.fixture
def shopper_csrf_client() -> Client:
    """A signed-in customer whose client, like a browser, must send the CSRF token."""
    client = client_signed_in()
    client.handler.enforce_csrf_checks = True
    return client


@pytest.fixture
def csrf_client() -> Client:
    """A client that, like a browser, must send the CSRF token with forms."""
    return Client(enforce_csrf_checks=True)
