import uuid

import pytest
import requests
import responses

from carts.store import cart_key, cart_lines_read
from shop_common.testing import api_client_as_service


def lines_of(user_id: str) -> dict[str, int]:
    return cart_lines_read(user_id=user_id)


def test_adding_a_product_answers_the_cart_with_it(api_client, user_id, catalog):
    product = catalog.product_add(sku="TEA-1", name="Tea", price="4.50")

    response = api_client.post(
        "/cart/add", {"product_id": product["id"], "quantity": 2}, format="json"
    )

    assert response.status_code == 200
    assert response.json() == {
        "items": [
            {
                "product_id": product["id"],
                "sku": "TEA-1",
                "name": "Tea",
                "unit_price": "4.50",
                "quantity": 2,
                "line_total": "9.00",
            }
        ],
        "total_quantity": 2,
        "total": "9.00",
        "currency": "KZT",
    }
    assert lines_of(user_id) == {product["id"]: 2}


def test_the_quantity_defaults_to_one(api_client, user_id, catalog):
    product = catalog.product_add()

    api_client.post("/cart/add", {"product_id": product["id"]}, format="json")

    assert lines_of(user_id) == {product["id"]: 1}


def test_adding_a_product_already_in_the_cart_increases_its_line(
    api_client, user_id, catalog, cart_seed
):
    product = catalog.product_add()
    cart_seed(user_id=user_id, lines={product["id"]: 2})

    response = api_client.post(
        "/cart/add", {"product_id": product["id"], "quantity": 3}, format="json"
    )

    assert response.json()["items"][0]["quantity"] == 5
    assert lines_of(user_id) == {product["id"]: 5}


def test_adding_checks_and_prices_with_one_catalog_call(api_client, user_id, catalog, cart_seed):
    in_cart = catalog.product_add()
    added = catalog.product_add()
    cart_seed(user_id=user_id, lines={in_cart["id"]: 1})

    response = api_client.post("/cart/add", {"product_id": added["id"]}, format="json")

    assert response.json()["total_quantity"] == 2
    assert len(catalog.mock.calls) == 1


def test_the_product_id_is_normalised_to_its_canonical_form(api_client, user_id, catalog):
    product = catalog.product_add()

    api_client.post("/cart/add", {"product_id": product["id"].upper()}, format="json")

    assert lines_of(user_id) == {product["id"]: 1}


def test_an_unknown_product_is_404_and_changes_nothing(api_client, user_id, catalog):
    response = api_client.post("/cart/add", {"product_id": str(uuid.uuid4())}, format="json")

    assert response.status_code == 404
    assert "detail" in response.json()
    assert lines_of(user_id) == {}


def test_an_inactive_product_is_404_and_changes_nothing(api_client, user_id, catalog):
    product = catalog.product_add(is_active=False)

    response = api_client.post("/cart/add", {"product_id": product["id"]}, format="json")

    assert response.status_code == 404
    assert lines_of(user_id) == {}


@pytest.mark.parametrize("quantity", [0, -1, 100, 10**30])
def test_a_quantity_outside_one_to_ninety_nine_is_400_and_changes_nothing(
    api_client, user_id, catalog, quantity
):
    product = catalog.product_add(stock=1000)

    response = api_client.post(
        "/cart/add", {"product_id": product["id"], "quantity": quantity}, format="json"
    )

    assert response.status_code == 400
    assert "quantity" in response.json()
    assert lines_of(user_id) == {}
    assert len(catalog.mock.calls) == 0


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"quantity": 1},
        {"product_id": "not-a-uuid"},
        {"product_id": 12345},
        {"product_id": None},
        {"product_id": ["a"]},
        {"product_id": "PRODUCT", "quantity": "2"},
        {"product_id": "PRODUCT", "quantity": 1.5},
        {"product_id": "PRODUCT", "quantity": 2.0},
        {"product_id": "PRODUCT", "quantity": True},
        {"product_id": "PRODUCT", "quantity": None},
        {"product_id": "PRODUCT", "quantity": "one"},
        {"product_id": "PRODUCT", "quantity": [1]},
        {"product_id": "PRODUCT", "quantity": {"n": 1}},
    ],
)
def test_bad_input_is_400_and_changes_nothing(api_client, user_id, catalog, body):
    product = catalog.product_add()
    if body.get("product_id") == "PRODUCT":
        body = {**body, "product_id": product["id"]}

    response = api_client.post("/cart/add", body, format="json")

    assert response.status_code == 400
    assert isinstance(response.json(), dict)
    assert lines_of(user_id) == {}
    assert len(catalog.mock.calls) == 0


@pytest.mark.parametrize(
    "raw",
    [
        "[1, 2]",
        '"a string"',
        "{not json",
        '{"product_id": "PRODUCT", "quantity": 1e400}',
        '{"product_id": "PRODUCT", "quantity": NaN}',
        '{"product_id": "PRODUCT", "quantity": ' + "9" * 5000 + "}",
    ],
)
def test_a_body_that_is_not_a_json_object_of_the_right_shape_is_400(
    api_client, user_id, catalog, raw
):
    product = catalog.product_add()

    response = api_client.post(
        "/cart/add", raw.replace("PRODUCT", product["id"]), content_type="application/json"
    )

    assert response.status_code == 400
    assert lines_of(user_id) == {}


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", "product_id=x"),
        ("application/xml", "<add><product_id>x</product_id></add>"),
        ("", "{}"),
    ],
)
def test_an_unsupported_content_type_is_400_with_a_json_detail(
    api_client, user_id, catalog, content_type, body
):
    response = api_client.generic("POST", "/cart/add", body, content_type=content_type)

    assert response.status_code == 400
    assert "detail" in response.json()
    assert lines_of(user_id) == {}


def test_a_form_encoded_body_is_accepted(api_client, user_id, catalog):
    product = catalog.product_add()

    response = api_client.post("/cart/add", {"product_id": product["id"], "quantity": "3"})

    assert response.status_code == 200
    assert lines_of(user_id) == {product["id"]: 3}


@pytest.mark.parametrize("quantity", ["3\n", " 3", "3.0", "٣", "-3", "1" * 10])
def test_a_form_encoded_quantity_must_be_plain_digits(api_client, user_id, catalog, quantity):
    product = catalog.product_add()

    response = api_client.post("/cart/add", {"product_id": product["id"], "quantity": quantity})

    assert response.status_code == 400
    assert "quantity" in response.json()
    assert lines_of(user_id) == {}


def test_a_line_that_would_pass_ninety_nine_is_400_and_changes_nothing(
    api_client, user_id, catalog, cart_seed
):
    product = catalog.product_add(stock=1000)
    cart_seed(user_id=user_id, lines={product["id"]: 98})

    response = api_client.post(
        "/cart/add", {"product_id": product["id"], "quantity": 2}, format="json"
    )

    assert response.status_code == 400
    assert "quantity" in response.json()
    assert lines_of(user_id) == {product["id"]: 98}


def test_a_line_may_reach_exactly_ninety_nine(api_client, user_id, catalog, cart_seed):
    product = catalog.product_add(stock=1000)
    cart_seed(user_id=user_id, lines={product["id"]: 98})

    response = api_client.post("/cart/add", {"product_id": product["id"]}, format="json")

    assert response.status_code == 200
    assert lines_of(user_id) == {product["id"]: 99}


def test_more_than_in_stock_is_409_and_changes_nothing(api_client, user_id, catalog):
    product = catalog.product_add(stock=3)

    response = api_client.post(
        "/cart/add", {"product_id": product["id"], "quantity": 4}, format="json"
    )

    assert response.status_code == 409
    assert "detail" in response.json()
    assert lines_of(user_id) == {}


def test_the_stock_limit_counts_what_the_line_already_holds(
    api_client, user_id, catalog, cart_seed
):
    product = catalog.product_add(stock=5)
    cart_seed(user_id=user_id, lines={product["id"]: 4})

    response = api_client.post(
        "/cart/add", {"product_id": product["id"], "quantity": 2}, format="json"
    )

    assert response.status_code == 409
    assert lines_of(user_id) == {product["id"]: 4}


def test_a_product_out_of_stock_is_409(api_client, user_id, catalog):
    product = catalog.product_add(stock=0)

    response = api_client.post("/cart/add", {"product_id": product["id"]}, format="json")

    assert response.status_code == 409
    assert lines_of(user_id) == {}


def test_a_cart_holding_one_hundred_products_takes_no_new_one(
    api_client, user_id, catalog, cart_seed
):
    products = [catalog.product_add() for _ in range(101)]
    cart_seed(user_id=user_id, lines={product["id"]: 1 for product in products[:100]})

    catalog.mock.calls.reset()

    response = api_client.post("/cart/add", {"product_id": products[100]["id"]}, format="json")

    assert response.status_code == 409
    assert "100" in response.json()["detail"]
    assert len(lines_of(user_id)) == 100
    assert products[100]["id"] not in lines_of(user_id)
    # Refused before pricing: 101 ids would have taken two catalog calls.
    assert len(catalog.mock.calls) == 0


def test_a_full_cart_still_takes_more_of_a_product_it_holds(
    api_client, user_id, catalog, cart_seed
):
    products = [catalog.product_add() for _ in range(100)]
    cart_seed(user_id=user_id, lines={product["id"]: 1 for product in products})

    response = api_client.post("/cart/add", {"product_id": products[0]["id"]}, format="json")

    assert response.status_code == 200
    assert lines_of(user_id)[products[0]["id"]] == 2


@pytest.mark.parametrize(
    "failure", [requests.ConnectionError("refused"), requests.ReadTimeout("slow")]
)
def test_an_unreachable_catalog_is_503_and_changes_nothing(
    api_client, user_id, http_mock, settings, cart_seed, failure
):
    http_mock.add(responses.GET, f"{settings.SERVICE_URLS['catalog']}/products", body=failure)
    in_cart = str(uuid.uuid4())
    cart_seed(user_id=user_id, lines={in_cart: 2})

    for product_id in (in_cart, str(uuid.uuid4())):
        response = api_client.post("/cart/add", {"product_id": product_id}, format="json")

        assert response.status_code == 503
        assert "detail" in response.json()
        assert lines_of(user_id) == {in_cart: 2}


def test_the_cart_is_the_token_users_whatever_the_body_says(api_client, user_id, catalog):
    product = catalog.product_add()
    someone_else = str(uuid.uuid4())

    api_client.post(
        "/cart/add",
        {"product_id": product["id"], "user_id": someone_else},
        format="json",
    )

    assert lines_of(user_id) == {product["id"]: 1}
    assert lines_of(someone_else) == {}


def test_a_change_sets_the_idle_expiry(api_client, user_id, catalog, settings, redis_flushed):
    settings.CART_TTL_SECONDS = 1000
    product = catalog.product_add()

    api_client.post("/cart/add", {"product_id": product["id"]}, format="json")

    assert 990 < redis_flushed.ttl(cart_key(user_id=user_id)) <= 1000


def test_a_request_without_a_token_is_401_and_changes_nothing(api_client, user_id, catalog):
    product = catalog.product_add()
    api_client.credentials()

    response = api_client.post("/cart/add", {"product_id": product["id"]}, format="json")

    assert response.status_code == 401
    assert lines_of(user_id) == {}


def test_a_service_credential_cannot_add_to_a_cart(catalog):
    product = catalog.product_add()

    response = api_client_as_service(audience="cart").post(
        "/cart/add", {"product_id": product["id"]}, format="json"
    )

    assert response.status_code == 401
    assert len(catalog.mock.calls) == 0
