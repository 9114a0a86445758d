import time
import uuid
from datetime import timedelta

import jwt
import pytest
from django.conf import settings
from products.tests.factories import ProductFactory
from rest_framework.test import APIClient

from reservations.apis import ReservationCreateApi, ReservationReleaseApi
from reservations.models import Reservation
from shop_common import roles
from shop_common.internal_calls import link_key_name
from shop_common.settings import TEST_PLACEHOLDER_SECRETS
from shop_common.testing import api_client_as_service, api_client_as_user

pytestmark = pytest.mark.django_db

URL = "/internal/reservations"


def _release_url(order_id) -> str:
    return f"{URL}/{order_id}/release"


def _stock(product) -> int:
    product.refresh_from_db()
    return product.stock


def test_a_service_reserves_stock_and_gets_the_reservation(service_client):
    product = ProductFactory(stock=5)
    order_id = uuid.uuid4()

    response = service_client.post(
        URL,
        {"order_id": str(order_id), "items": [{"product_id": str(product.id), "quantity": 2}]},
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["order_id"] == str(order_id)
    assert body["status"] == "reserved"
    assert body["items"] == [{"product_id": str(product.id), "quantity": 2}]
    assert body["created_at"].endswith("Z")
    assert body["released_at"] is None
    assert _stock(product) == 3


def test_the_same_order_again_answers_201_with_the_existing_reservation(service_client):
    product = ProductFactory(stock=5)
    body = {
        "order_id": str(uuid.uuid4()),
        "items": [{"product_id": str(product.id), "quantity": 2}],
    }
    first = service_client.post(URL, body, format="json")

    again = service_client.post(URL, body, format="json")

    assert again.status_code == 201
    assert again.json() == first.json()
    assert _stock(product) == 3


def test_short_stock_is_409_listing_the_unavailable_products(service_client):
    plenty, short = ProductFactory(stock=10), ProductFactory(stock=1)
    unknown = uuid.uuid4()

    response = service_client.post(
        URL,
        {
            "order_id": str(uuid.uuid4()),
            "items": [
                {"product_id": str(plenty.id), "quantity": 1},
                {"product_id": str(short.id), "quantity": 2},
                {"product_id": str(unknown), "quantity": 1},
            ],
        },
        format="json",
    )

    assert response.status_code == 409
    body = response.json()
    assert set(body) == {"detail", "unavailable"}
    assert body["unavailable"] == [str(short.id), str(unknown)]
    assert (_stock(plenty), _stock(short)) == (10, 1)
    assert not Reservation.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"items": [{"product_id": str(uuid.uuid4()), "quantity": 1}]}, "order_id"),
        ({"order_id": "nope", "items": [{"product_id": str(uuid.uuid4()), "quantity": 1}]}, "order_id"),
        ({"order_id": str(uuid.uuid4()), "items": []}, "items"),
        ({"order_id": str(uuid.uuid4())}, "items"),
        ({"order_id": str(uuid.uuid4()), "items": [{"product_id": "x", "quantity": 1}]}, "items"),
        ({"order_id": str(uuid.uuid4()), "items": [{"product_id": str(uuid.uuid4()), "quantity": 0}]}, "items"),
        ({"order_id": str(uuid.uuid4()), "items": [{"product_id": str(uuid.uuid4()), "quantity": 10**12}]}, "items"),
        ({"order_id": 1, "items": [{"product_id": str(uuid.uuid4()), "quantity": 1}]}, "order_id"),
        ({"order_id": str(uuid.uuid4()), "items": [{"product_id": 2, "quantity": 1}]}, "items"),
        ({"order_id": str(uuid.uuid4()), "items": [None]}, "items"),
        ({"order_id": str(uuid.uuid4()), "items": None}, "items"),
    ],
)  # fmt: skip
def test_a_malformed_reservation_is_400_and_takes_nothing(service_client, body, field):
    response = service_client.post(URL, body, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Reservation.objects.exists()


def test_a_service_releases_a_reservation_once(service_client):
    product = ProductFactory(stock=5)
    order_id = uuid.uuid4()
    service_client.post(
        URL,
        {"order_id": str(order_id), "items": [{"product_id": str(product.id), "quantity": 2}]},
        format="json",
    )

    first = service_client.post(_release_url(order_id))
    second = service_client.post(_release_url(order_id))

    assert first.status_code == second.status_code == 200
    assert first.json()["status"] == "released"
    assert first.json()["order_id"] == str(order_id)
    assert first.json()["released_at"] is not None
    assert second.json() == first.json()
    assert _stock(product) == 5


def test_releasing_an_unknown_order_is_404(service_client):
    response = service_client.post(_release_url(uuid.uuid4()))

    assert response.status_code == 404
    assert "detail" in response.json()


def test_releasing_a_malformed_order_id_is_404(service_client):
    assert service_client.post(_release_url("not-a-uuid")).status_code == 404


def _reserve_body() -> dict:
    return {
        "order_id": str(uuid.uuid4()),
        "items": [{"product_id": str(uuid.uuid4()), "quantity": 1}],
    }


@pytest.mark.parametrize("role", [roles.ADMIN, roles.CUSTOMER])
def test_a_users_token_is_refused_even_an_admins(role):
    client = api_client_as_user(user_id=str(uuid.uuid4()), role=role)

    assert client.post(URL, _reserve_body(), format="json").status_code == 401
    assert client.post(_release_url(uuid.uuid4())).status_code == 401


def test_no_credential_is_refused(anonymous_client):
    assert anonymous_client.post(URL, _reserve_body(), format="json").status_code == 401


def _service_token(key: str, **claims) -> APIClient:
    now = int(time.time())
    token = jwt.encode(
        {
            "iss": "order",
            "aud": "catalog",
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


def _refused_everywhere(client: APIClient) -> None:
    product = ProductFactory(stock=5)
    body = {
        "order_id": str(uuid.uuid4()),
        "items": [{"product_id": str(product.id), "quantity": 1}],
    }

    assert client.post(URL, body, format="json").status_code == 401
    assert client.post(_release_url(uuid.uuid4())).status_code == 401
    assert _stock(product) == 5
    assert not Reservation.objects.exists()


def test_a_service_token_for_another_service_is_refused():
    # Signed with the very key catalog holds for order: only the audience is wrong.
    _refused_everywhere(api_client_as_service(audience="auth", issuer="order"))


@pytest.mark.parametrize("issuer", ["cart", "gateway", "payment", "auth", "catalog"])
def test_a_credential_of_any_service_but_order_is_401_whatever_key_signs_it(issuer):
    # No key catalog holds admits them, not even order's: cart and the gateway
    # hold no service key at all, payment's and catalog's are for auth only.
    for key in [
        settings.SERVICE_CALLER_KEYS["order"],
        TEST_PLACEHOLDER_SECRETS.get(
            link_key_name(caller=issuer, target="catalog"),
            "a-key-no-service-holds-long-enough-for-hs256",
        ),
        "insecure-test-service-signing-key-not-for-production",  # the old shared key
    ]:
        _refused_everywhere(_service_token(key, iss=issuer))


def test_an_order_credential_signed_with_any_key_but_order_to_catalog_is_401():
    for name in ["ORDER_TO_AUTH_SERVICE_KEY", "CATALOG_TO_AUTH_SERVICE_KEY", "JWT_SIGNING_KEY"]:
        _refused_everywhere(_service_token(TEST_PLACEHOLDER_SECRETS[name]))


def test_catalog_holds_only_the_order_services_key_for_its_internal_endpoints():
    assert set(settings.SERVICE_CALLER_KEYS) == {"order"}
    assert set(ReservationCreateApi.service_callers) == {"order"}
    assert set(ReservationReleaseApi.service_callers) == {"order"}


def test_a_service_token_signed_with_the_user_key_is_refused():
    claims = {
        "iss": "order",
        "aud": "catalog",
        "role": "service",
        "token_type": "service",
        "iat": 0,
        "exp": 2**33,
    }
    token = jwt.encode(claims, settings.SIMPLE_JWT["SIGNING_KEY"], algorithm="HS256")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Service {token}")

    assert client.post(URL, _reserve_body(), format="json").status_code == 401


def test_an_expired_service_token_is_refused():
    claims = {
        "iss": "order",
        "aud": "catalog",
        "role": "service",
        "token_type": "service",
        "iat": 0,
        "exp": int(timedelta(seconds=60).total_seconds()),
    }
    token = jwt.encode(claims, settings.SERVICE_CALLER_KEYS["order"], algorithm="HS256")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Service {token}")

    assert client.post(URL, _reserve_body(), format="json").status_code == 401


def test_a_reservation_runs_a_constant_number_of_queries(
    service_client, django_assert_max_num_queries
):
    products = ProductFactory.create_batch(20, stock=5)
    body = {
        "order_id": str(uuid.uuid4()),
        "items": [{"product_id": str(p.id), "quantity": 1} for p in products],
    }

    # lookup, savepoint, insert, lock, update, insert items, release savepoint, read back (2)
    with django_assert_max_num_queries(10):
        response = service_client.post(URL, body, format="json")

    assert response.status_code == 201
