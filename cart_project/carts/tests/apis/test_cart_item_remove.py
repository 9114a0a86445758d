import uuid

import pytest
import requests
import responses

from carts.store import cart_key, cart_lines_read
from shop_common.testing import api_client_as_service


def lines_of(user_id: str) -> dict[str, int]:
    return cart_lines_read(user_id=user_id)


def test_removing_without_a_quantity_takes_the_whole_line(api_client, user_id, catalog, cart_seed):
    removed = catalog.product_add()
    kept = catalog.product_add(price="3.00")
    cart_seed(user_id=user_id, lines={removed["id"]: 5, kept["id"]: 1})

    response = api_client.post("/cart/remove", {"product_id": removed["id"]}, format="json")

    assert response.status_code == 200
    assert [item["product_id"] for item in response.json()["items"]] == [kept["id"]]
    assert response.json()["total"] == "3.00"
    assert lines_of(user_id) == {kept["id"]: 1}


def test_removing_a_quantity_decrements_the_line(api_client, user_id, catalog, cart_seed):
    product = catalog.product_add()
    cart_seed(user_id=user_id, lines={product["id"]: 5})

    response = api_client.post(
        "/cart/remove", {"product_id": product["id"], "quantity": 2}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["items"][0]["quantity"] == 3
    assert lines_of(user_id) == {product["id"]: 3}


def test_decrementing_a_line_to_zero_removes_it(api_client, user_id, catalog, cart_seed):
    product = catalog.product_add()
    cart_seed(user_id=user_id, lines={product["id"]: 2})

    response = api_client.post(
        "/cart/remove", {"product_id": product["id"], "quantity": 2}, format="json"
    )

    assert response.json()["items"] == []
    assert lines_of(user_id) == {}


def test_removing_more_than_the_line_holds_removes_the_line(
    api_client, user_id, catalog, cart_seed
):
    product = catalog.product_add()
    cart_seed(user_id=user_id, lines={product["id"]: 2})

    response = api_client.post(
        "/cart/remove", {"product_id": product["id"], "quantity": 7}, format="json"
    )

    assert response.status_code == 200
    assert lines_of(user_id) == {}


def test_removing_a_product_not_in_the_cart_is_404_and_changes_nothing(
    api_client, user_id, catalog, cart_seed
):
    product = catalog.product_add()
    cart_seed(user_id=user_id, lines={product["id"]: 2})

    response = api_client.post("/cart/remove", {"product_id": str(uuid.uuid4())}, format="json")

    assert response.status_code == 404
    assert "detail" in response.json()
    assert lines_of(user_id) == {product["id"]: 2}
    assert len(catalog.mock.calls) == 0


def test_removing_from_an_empty_cart_is_404(api_client, catalog):
    response = api_client.post("/cart/remove", {"product_id": str(uuid.uuid4())}, format="json")

    assert response.status_code == 404


def test_a_line_whose_product_is_gone_can_still_be_removed(api_client, user_id, catalog, cart_seed):
    gone = str(uuid.uuid4())
    cart_seed(user_id=user_id, lines={gone: 1})

    response = api_client.post("/cart/remove", {"product_id": gone}, format="json")

    assert response.status_code == 200
    assert lines_of(user_id) == {}


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"product_id": "nope"},
        {"product_id": 7},
        {"product_id": "PRODUCT", "quantity": 0},
        {"product_id": "PRODUCT", "quantity": -3},
        {"product_id": "PRODUCT", "quantity": 10**20},
        {"product_id": "PRODUCT", "quantity": 1.5},
        {"product_id": "PRODUCT", "quantity": "1"},
        {"product_id": "PRODUCT", "quantity": False},
        {"product_id": "PRODUCT", "quantity": None},
    ],
)
def test_bad_input_is_400_and_changes_nothing(api_client, user_id, catalog, cart_seed, body):
    product = catalog.product_add()
    cart_seed(user_id=user_id, lines={product["id"]: 4})
    if body.get("product_id") == "PRODUCT":
        body = {**body, "product_id": product["id"]}

    response = api_client.post("/cart/remove", body, format="json")

    assert response.status_code == 400
    assert lines_of(user_id) == {product["id"]: 4}


def test_an_unsupported_content_type_is_400(api_client, user_id, catalog, cart_seed):
    product = catalog.product_add()
    cart_seed(user_id=user_id, lines={product["id"]: 4})

    response = api_client.generic(
        "POST", "/cart/remove", f"product_id={product['id']}", content_type="text/plain"
    )

    assert response.status_code == 400
    assert "detail" in response.json()
    assert lines_of(user_id) == {product["id"]: 4}


def test_an_unreachable_catalog_is_503_and_leaves_the_cart_as_it_was(
    api_client, user_id, http_mock, settings, cart_seed
):
    http_mock.add(
        responses.GET,
        f"{settings.SERVICE_URLS['catalog']}/products",
        body=requests.ConnectionError("refused"),
    )
    product_id = str(uuid.uuid4())
    cart_seed(user_id=user_id, lines={product_id: 4})

    response = api_client.post("/cart/remove", {"product_id": product_id}, format="json")

    assert response.status_code == 503
    assert lines_of(user_id) == {product_id: 4}


def test_a_decrement_refreshes_the_idle_expiry(
    api_client, user_id, catalog, cart_seed, settings, redis_flushed
):
    settings.CART_TTL_SECONDS = 1000
    product = catalog.product_add()
    cart_seed(user_id=user_id, lines={product["id"]: 4})
    redis_flushed.expire(cart_key(user_id=user_id), 10)

    api_client.post("/cart/remove", {"product_id": product["id"], "quantity": 1}, format="json")

    assert 990 < redis_flushed.ttl(cart_key(user_id=user_id)) <= 1000


def test_a_request_without_a_token_is_401(api_client, catalog):
    api_client.credentials()

    response = api_client.post("/cart/remove", {"product_id": str(uuid.uuid4())}, format="json")

    assert response.status_code == 401


def test_a_service_credential_cannot_remove_from_a_cart(catalog):
    response = api_client_as_service(audience="cart").post(
        "/cart/remove", {"product_id": str(uuid.uuid4())}, format="json"
    )

    assert response.status_code == 401


def test_a_form_encoded_body_is_accepted(api_client, user_id, catalog, cart_seed):
    product = catalog.product_add()
    cart_seed(user_id=user_id, lines={product["id"]: 5})

    response = api_client.post("/cart/remove", {"product_id": product["id"], "quantity": "2"})

    assert response.status_code == 200
    assert lines_of(user_id) == {product["id"]: 3}
