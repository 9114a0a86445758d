"""`GET /internal/users/<id>`: the staff rights the other services' admins
re-check (shop_common.admin_access), for their service credentials only."""

import time
import uuid

import jwt
import pytest
from django.conf import settings
from rest_framework.test import APIClient

from shop_common import roles
from shop_common.settings import TEST_PLACEHOLDER_SECRETS
from shop_common.testing import access_token_mint, api_client_as_service
from users.apis import InternalUserApi
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


def _service_client(key: str, **claims) -> APIClient:
    now = int(time.time())
    token = jwt.encode(
        {
            "iss": "catalog",
            "aud": "auth",
            "role": "service",
            "token_type": "service",
            "iat": now,
            "exp": now + 60,
            **claims,
        },
        key,
        algorithm="HS256",
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Service {token}")
    return client


@pytest.mark.parametrize("caller", ["cart", "gateway", "auth"])
def test_a_credential_of_a_service_auth_holds_no_key_for_is_401_whatever_key_signs_it(caller):
    # Cart and the gateway hold no service key at all: nothing they mint passes,
    # not even with a key auth does hold.
    admin = AdminFactory()
    for key in [
        *settings.SERVICE_CALLER_KEYS.values(),
        "insecure-test-service-signing-key-not-for-production",  # the old shared key
    ]:
        response = _service_client(key, iss=caller).get(_url(admin.id))

        assert response.status_code == 401
        assert "email" not in response.json()


@pytest.mark.parametrize(
    ("caller", "key_name"),
    [
        ("catalog", "ORDER_TO_AUTH_SERVICE_KEY"),
        ("order", "ORDER_TO_CATALOG_SERVICE_KEY"),
        ("payment", "CATALOG_TO_AUTH_SERVICE_KEY"),
        ("order", "JWT_SIGNING_KEY"),
    ],
)
def test_a_caller_is_401_unless_its_own_key_for_auth_signs_it(caller, key_name):
    admin = AdminFactory()

    response = _service_client(TEST_PLACEHOLDER_SECRETS[key_name], iss=caller).get(_url(admin.id))

    assert response.status_code == 401


def test_a_credential_minted_for_another_service_is_401():
    # Signed with the key auth holds for catalog: only the audience is wrong.
    admin = AdminFactory()

    response = api_client_as_service(audience="catalog", issuer="catalog").get(_url(admin.id))

    assert response.status_code == 401


def test_auth_holds_the_keys_of_exactly_the_callers_of_the_endpoint():
    assert set(settings.SERVICE_CALLER_KEYS) == set(InternalUserApi.service_callers)
    assert settings.SERVICE_SIGNING_KEYS == {}


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
