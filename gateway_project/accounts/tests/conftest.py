"""Helpers of the account pages' tests: the auth and order services'
answers as the real services give them, and readers of what a response did."""

import uuid
from datetime import timedelta

import pytest
from conftest import page_json, service_url
from django.conf import settings
from django.contrib.messages import get_messages
from django.test import Client

from shop_common.testing import access_token_mint


def auth_url(path: str) -> str:
    return service_url("auth", path)


def order_url(path: str) -> str:
    return service_url("order", path)


def token_pair(*, user_id: str | None = None, email: str = "ann@example.com") -> dict:
    """The body of a successful `POST /auth/login`."""
    access = access_token_mint(user_id=user_id or str(uuid.uuid4()), email=email)
    return {
        "access": access,
        "refresh": f"refresh-{uuid.uuid4()}",
        "token_type": "Bearer",
        "expires_in": 900,
    }


def expired_access_token(*, user_id: str, email: str = "ann@example.com") -> str:
    return access_token_mint(user_id=user_id, email=email, lifetime=timedelta(seconds=-60))


def user_body(*, email: str = "ann@example.com", user_id: str | None = None) -> dict:
    """The body of `POST /auth/register` (201) and `GET /auth/me`."""
    return {
        "id": user_id or str(uuid.uuid4()),
        "email": email,
        "role": "customer",
        "is_active": True,
        "created_at": "2025-03-14T09:26:53.589793Z",
    }


def address_body(**changes) -> dict:
    """A saved address as the order service returns it."""
    address = {
        "id": str(uuid.uuid4()),
        "name": "Ann Smith",
        "line1": "1 Abay Avenue",
        "line2": "",
        "city": "Almaty",
        "postal_code": "050000",
        "country": "KZ",
        "phone": "",
        "is_default": False,
        "created_at": "2025-03-14T09:26:53Z",
        "updated_at": "2025-03-14T09:26:53Z",
    }
    return {**address, **changes}


def messages_of(response) -> list[str]:
    """The flash messages the request queued (shown on the next page)."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def cookie_of(response, name: str):
    """The Set-Cookie of `name` on the response, or None."""
    return response.cookies.get(name)


ACCESS = settings.LOGIN_ACCESS_COOKIE
REFRESH = settings.LOGIN_REFRESH_COOKIE


def csrf_token_of(client: Client) -> str:
    """Gives the client a CSRF cookie, as loading a page with a form does, and
    returns the token its forms then carry."""
    token = "k" * 32  # a CSRF secret: 32 letters or digits
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    return token


@pytest.fixture
def account_backends(backends, shopper_client):
    """/account's reads stubbed: the profile and an empty address book."""
    backends.get(auth_url("/auth/me"), json=user_body(user_id=shopper_client.shopper_id))
    backends.get(order_url("/addresses"), json=page_json([]))
    return backends
