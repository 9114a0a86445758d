"""The cart against a real Redis server that goes away and comes back."""

import uuid

import pytest
from django.test import Client

from carts.store import cart_lines_read


@pytest.fixture
def redis_down(redis_server):
    redis_server.stop()
    return redis_server


def test_the_cart_works_on_the_test_server(
    api_client, user_id, catalog, redis_server, redis_flushed
):
    product = catalog.product_add()

    response = api_client.post("/cart/add", {"product_id": product["id"]}, format="json")

    assert response.status_code == 200
    assert cart_lines_read(user_id=user_id) == {product["id"]: 1}
    assert redis_flushed.keys("cart:*") == []


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/cart", None),
        ("delete", "/cart", None),
        ("post", "/cart/add", {"product_id": str(uuid.uuid4())}),
        ("post", "/cart/remove", {"product_id": str(uuid.uuid4())}),
    ],
)
def test_every_cart_endpoint_answers_503_while_redis_is_down(
    api_client, catalog, redis_down, method, path, body
):
    response = getattr(api_client, method)(path, body, format="json")

    assert response.status_code == 503
    assert "detail" in response.json()


def test_readiness_is_503_while_redis_is_down(redis_down):
    response = Client().get("/readyz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_readiness_is_200_while_redis_is_up(redis_server):
    response = Client().get("/readyz")

    assert response.status_code == 200


def test_liveness_does_not_depend_on_redis(redis_down):
    response = Client().get("/healthz")

    assert response.status_code == 200


def test_the_cart_recovers_by_itself_when_redis_returns(api_client, user_id, catalog, redis_server):
    product = catalog.product_add()
    assert api_client.get("/cart").status_code == 200
    redis_server.stop()
    assert api_client.get("/cart").status_code == 503
    assert Client().get("/readyz").status_code == 503

    redis_server.start()

    assert Client().get("/readyz").status_code == 200
    response = api_client.post("/cart/add", {"product_id": product["id"]}, format="json")
    assert response.status_code == 200
    assert cart_lines_read(user_id=user_id) == {product["id"]: 1}
