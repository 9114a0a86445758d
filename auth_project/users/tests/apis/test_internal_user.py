"""`GET /internal/users/<id>`: the staff rights the other services' admins
re-check (shop_common.admin_access), for their service credentials only."""

import uuid

import pytest
from rest_framework.test import APIClient

from shop_common import roles
from shop_common.testing import access_token_mint, api_client_as_service
from users.tests.factories import AdminFactory, UserFactory

pytestmark = pytest.mark.django_db


def _url(user_id) -> str:
    return f"/internal/users/{user_id}"


@pytest.mark.parametrize("caller", ["catalog", "order", "payment"])
def test_the_admin_services_read_a_users_role_and_active_flag(caller):
    admin = AdminFactory(email="staff@example.com")

    response = api_client_as_service(audience="auth", issuer=caller).get(_url(admin.id))

    assert response.status_code == 200
    assert response.json() == {
        "id": str(admin.id),
        "email": "staff@example.com",
        "role": roles.ADMIN,
        "is_active": True,
    }


def test_a_demoted_or_deactivated_user_is_shown_as_stored_now():
    user = UserFactory(role=roles.CUSTOMER, is_active=False)

    response = api_client_as_service(audience="auth", issuer="catalog").get(_url(user.id))

    assert response.status_code == 200
    assert (response.json()["role"], response.json()["is_active"]) == (roles.CUSTOMER, False)


def test_an_unknown_user_is_404():
    response = api_client_as_service(audience="auth", issuer="order").get(_url(uuid.uuid4()))

    assert response.status_code == 404
    assert response.json() == {"detail": "No such user."}


@pytest.mark.parametrize("caller", ["cart", "gateway", "auth"])
def test_a_credential_minted_by_a_service_that_does_not_need_it_is_403(caller):
    admin = AdminFactory()

    response = api_client_as_service(audience="auth", issuer=caller).get(_url(admin.id))

    assert response.status_code == 403
    assert "email" not in response.json()


def test_a_credential_minted_for_another_service_is_401():
    admin = AdminFactory()

    response = api_client_as_service(audience="catalog", issuer="catalog").get(_url(admin.id))

    assert response.status_code == 401


@pytest.mark.parametrize("role", [roles.ADMIN, roles.CUSTOMER])
def test_a_users_own_token_is_refused_even_an_admins(role):
    user = AdminFactory() if role == roles.ADMIN else UserFactory()
    client = APIClient()
    token = access_token_mint(user_id=str(user.id), email=user.email, role=role)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    response = client.get(_url(user.id))

    assert response.status_code == 401
    assert "email" not in response.json()


def test_without_a_credential_it_is_401(api_client):
    assert api_client.get(_url(uuid.uuid4())).status_code == 401


def test_the_schema_lists_the_internal_endpoint(api_client):
    response = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    operation = response.json()["paths"]["/internal/users/{user_id}"]["get"]
    assert set(operation["responses"]) >= {"200", "401", "403", "404"}
    assert {"serviceToken": []} in operation["security"]
