import json
import time
import uuid

import jwt
import pytest
from django.core.exceptions import ImproperlyConfigured
from rest_framework.test import APIClient

from shop_common import roles
from shop_common.service_tokens import service_token_mint
from shop_common.testing import access_token_mint, api_client_as_service

ORDER_KEY = "insecure-test-order-to-testservice-key-not-for-production"
PAYMENT_KEY = "insecure-test-payment-to-testservice-key-not-for-production"


def _claims(**overrides) -> dict:
    now = int(time.time())
    return {
        "iss": "order",
        "aud": "testservice",
        "role": "service",
        "token_type": "service",
        "iat": now,
        "exp": now + 60,
        **overrides,
    }


def _client(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Service {token}")
    return client


def test_a_service_token_for_this_service_is_accepted():
    response = api_client_as_service(audience="testservice", issuer="order").post("/internal/thing")

    assert response.status_code == 200
    assert response.json() == {"caller": "order"}


def test_each_caller_is_verified_with_its_own_key():
    token = jwt.encode(_claims(iss="payment"), PAYMENT_KEY, algorithm="HS256")

    response = _client(token).post("/internal/thing")

    assert response.status_code == 200
    assert response.json() == {"caller": "payment"}


def test_a_token_naming_one_caller_signed_with_another_callers_key_is_refused():
    # payment holds its own key only; it cannot pass itself off as order.
    token = jwt.encode(_claims(iss="order"), PAYMENT_KEY, algorithm="HS256")

    assert _client(token).post("/internal/thing").status_code == 401


@pytest.mark.parametrize("issuer", ["cart", "gateway", "auth", "testservice", ""])
def test_an_issuer_this_service_holds_no_key_for_is_401_whatever_the_key(issuer):
    for key in (ORDER_KEY, PAYMENT_KEY, "any-other-key-at-all-long-enough-for-hs256"):
        token = jwt.encode(_claims(iss=issuer), key, algorithm="HS256")

        assert _client(token).post("/internal/thing").status_code == 401


@pytest.mark.parametrize("iss", [None, 7, ["order"]])
def test_a_missing_or_non_text_issuer_is_401(iss):
    claims = _claims()
    if iss is None:
        del claims["iss"]
    else:
        claims["iss"] = iss

    # PyJWT refuses to encode a non-text iss; a forger would not.
    token = jwt.api_jws.encode(json.dumps(claims).encode(), ORDER_KEY, algorithm="HS256")

    assert _client(token).post("/internal/thing").status_code == 401


def test_a_token_signed_with_the_user_token_key_is_refused():
    token = jwt.encode(
        _claims(), "insecure-test-jwt-signing-key-not-for-production", algorithm="HS256"
    )

    assert _client(token).post("/internal/thing").status_code == 401


@pytest.mark.filterwarnings("ignore:The HMAC key")
def test_a_token_with_another_algorithm_is_refused():
    token = jwt.encode(_claims(), ORDER_KEY, algorithm="HS512")

    assert _client(token).post("/internal/thing").status_code == 401


def test_a_service_token_minted_for_another_service_is_refused():
    # Signed with the very key this service holds for order: only aud is wrong.
    response = api_client_as_service(audience="payment", issuer="order").post("/internal/thing")

    assert response.status_code == 401


def test_a_token_that_is_not_a_jwt_is_401():
    assert _client("not.a-jwt").post("/internal/thing").status_code == 401


def test_an_admin_user_token_is_refused_on_an_internal_endpoint():
    client = APIClient()
    token = access_token_mint(user_id=str(uuid.uuid4()), role=roles.ADMIN)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    assert client.post("/internal/thing").status_code in (401, 403)


def test_a_user_token_sent_with_the_service_scheme_is_refused():
    token = access_token_mint(user_id=str(uuid.uuid4()), role=roles.ADMIN)

    assert _client(token).post("/internal/thing").status_code == 401


def test_an_expired_service_token_is_refused():
    now = int(time.time())
    token = jwt.encode(_claims(iat=now - 120, exp=now - 60), ORDER_KEY, algorithm="HS256")

    assert _client(token).post("/internal/thing").status_code == 401


def test_a_service_token_is_not_a_user_on_user_endpoints():
    response = api_client_as_service(audience="testservice", issuer="order").get("/whoami")

    assert response.status_code in (401, 403)


def test_this_service_mints_with_its_own_key_for_each_target(settings):
    token = service_token_mint(audience="catalog")

    claims = jwt.decode(
        token, settings.SERVICE_SIGNING_KEYS["catalog"], algorithms=["HS256"], audience="catalog"
    )
    assert claims["iss"] == "testservice"
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(
            token, settings.SERVICE_SIGNING_KEYS["auth"], algorithms=["HS256"], audience="catalog"
        )


def test_a_service_holding_no_key_for_a_target_cannot_mint_for_it(settings):
    with pytest.raises(ImproperlyConfigured, match="no key for calling order"):
        service_token_mint(audience="order")
    settings.SERVICE_SIGNING_KEYS = {}

    with pytest.raises(ImproperlyConfigured):
        service_token_mint(audience="catalog")


def test_an_internal_endpoint_answers_the_callers_it_names():
    response = api_client_as_service(audience="testservice", issuer="order").get(
        "/internal/for-order"
    )

    assert response.status_code == 200


def test_a_known_caller_not_named_by_the_endpoint_is_403():
    # payment's credential is genuine here (this service admits it), but this
    # endpoint is for order only.
    response = api_client_as_service(audience="testservice", issuer="payment").get(
        "/internal/for-order"
    )

    assert response.status_code == 403


@pytest.mark.parametrize("issuer", ["cart", "gateway"])
def test_an_internal_endpoint_refuses_services_it_holds_no_key_for_with_401(issuer):
    response = api_client_as_service(audience="testservice", issuer=issuer).get(
        "/internal/for-order"
    )

    assert response.status_code == 401


def test_an_internal_endpoint_for_named_callers_refuses_a_user_token_with_401():
    client = APIClient()
    token = access_token_mint(user_id=str(uuid.uuid4()), role=roles.ADMIN)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    assert client.get("/internal/for-order").status_code == 401
