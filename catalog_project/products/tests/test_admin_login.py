"""Staff sign in with their auth-service account; the auth service is stubbed
at the HTTP boundary and answers with tokens as it would mint them."""

import uuid

import pytest
import responses
from django.conf import settings
from django.contrib.auth import get_user_model

from shop_common import roles
from shop_common.testing import access_token_mint

pytestmark = pytest.mark.django_db

LOGIN = "/admin/catalog/login/"


def _auth_login_stub(*, status: int = 200, role: str = roles.ADMIN) -> None:
    token = access_token_mint(user_id=str(uuid.uuid4()), email="staff@example.com", role=role)
    body = {"access": token, "refresh": "r", "token_type": "Bearer", "expires_in": 900}
    responses.post(
        f"{settings.SERVICE_URLS['auth']}/auth/login",
        json=body if status == 200 else {"detail": "No."},
        status=status,
    )


@responses.activate
def test_an_admin_of_the_auth_service_signs_in(client):
    _auth_login_stub(role=roles.ADMIN)

    response = client.post(
        LOGIN, {"username": "staff@example.com", "password": "secret", "next": "/admin/catalog/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/catalog/"
    assert client.get("/admin/catalog/").status_code == 200
    staff = get_user_model().objects.get(username="staff@example.com")
    assert staff.is_staff
    assert not staff.has_usable_password()
    assert responses.calls[0].request.url.endswith("/auth/login")


@responses.activate
def test_a_customer_of_the_auth_service_is_refused(client):
    _auth_login_stub(role=roles.CUSTOMER)

    response = client.post(LOGIN, {"username": "staff@example.com", "password": "secret"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not get_user_model().objects.exists()
    assert client.get("/admin/catalog/").status_code == 302


@responses.activate
def test_wrong_credentials_are_refused(client):
    _auth_login_stub(status=401)

    response = client.post(LOGIN, {"username": "staff@example.com", "password": "wrong"})

    assert response.status_code == 200
    assert response.context["form"].errors


@responses.activate
def test_an_unreachable_auth_service_refuses_the_login_without_crashing(client):
    # No stub registered: responses raises ConnectionError, as a down service would.
    response = client.post(LOGIN, {"username": "staff@example.com", "password": "secret"})

    assert response.status_code == 200
    assert response.context["form"].errors


def test_the_admin_session_cookie_is_scoped_to_the_catalog_admin(client):
    with responses.RequestsMock() as stub:
        token = access_token_mint(user_id=str(uuid.uuid4()), role=roles.ADMIN)
        stub.post(f"{settings.SERVICE_URLS['auth']}/auth/login", json={"access": token})
        response = client.post(LOGIN, {"username": "a@example.com", "password": "secret"})

    cookie = response.cookies["catalog_sessionid"]
    assert cookie["path"] == "/admin/catalog/"
    assert cookie["httponly"]
