import time
import uuid

import jwt
import pytest
from rest_framework.test import APIClient

from shop_common import roles
from shop_common.service_tokens import service_token_mint
from shop_common.testing import access_token_mint, api_client_as_service

SERVICE_KEY = "insecure-test-service-signing-key-not-for-production"


def test_a_service_token_for_this_service_is_accepted():
    response = api_client_as_service(audience="testservice", issuer="order").post("/internal/thing")

    assert response.status_code == 200
    assert response.json() == {"caller": "order"}


def test_a_service_token_minted_for_another_service_is_refused():
    response = api_client_as_service(audience="payment").post("/internal/thing")

    assert response.status_code == 401


def test_an_admin_user_token_is_refused_on_an_internal_endpoint():
    client = APIClient()
    token = access_token_mint(user_id=str(uuid.uuid4()), role=roles.ADMIN)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    assert client.post("/internal/thing").status_code in (401, 403)


def test_a_user_token_sent_with_the_service_scheme_is_refused():
    client = APIClient()
    token = access_token_mint(user_id=str(uuid.uuid4()), role=roles.ADMIN)
    client.credentials(HTTP_AUTHORIZATION=f"Service {token}")

    assert client.post("/internal/thing").status_code == 401


def test_an_expired_service_token_is_refused():
    now = int(time.time())
    token = jwt.encode(
        {
            "iss": "order",
            "aud": "testservice",
            "role": "service",
            "token_type": "service",
            "iat": now - 120,
            "exp": now - 60,
        },
        SERVICE_KEY,
        algorithm="HS256",
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Service {token}")

    assert client.post("/internal/thing").status_code == 401


def test_a_service_token_is_not_a_user_on_user_endpoints():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Service {service_token_mint(audience='testservice')}")

    assert client.get("/whoami").status_code in (401, 403)


def test_an_internal_endpoint_answers_the_callers_it_names():
    response = api_client_as_service(audience="testservice", issuer="order").get(
        "/internal/for-order"
    )

    assert response.status_code == 200


@pytest.mark.parametrize("issuer", ["cart", "gateway", "payment"])
def test_an_internal_endpoint_refuses_other_services_with_403(issuer):
    response = api_client_as_service(audience="testservice", issuer=issuer).get(
        "/internal/for-order"
    )

    assert response.status_code == 403


def test_an_internal_endpoint_for_named_callers_refuses_a_user_token_with_401():
    client = APIClient()
    token = access_token_mint(user_id=str(uuid.uuid4()), role=roles.ADMIN)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    assert client.get("/internal/for-order").status_code == 401
