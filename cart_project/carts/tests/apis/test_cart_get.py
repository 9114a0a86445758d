import socket
import time
import uuid
from datetime import timedelta

import pytest
import requests
import responses

from shop_common import roles
from shop_common.testing import access_token_mint, api_client_as_service, api_client_as_user


def test_an_empty_cart_is_answered_without_calling_the_catalog(api_client, catalog):
    response = api_client.get("/cart")

    assert response.status_code == 200
    assert response.json() == {"items": [], "total_quantity": 0, "total": "0.00", "currency": "KZT"}
    assert len(catalog.mock.calls) == 0


def test_the_cart_lists_each_line_with_its_product_and_totals(
    api_client, user_id, catalog, cart_seed
):
    product = catalog.product_add(sku="MUG-1", name="Mug", price="19.90")
    cart_seed(user_id=user_id, lines={product["id"]: 3})

    response = api_client.get("/cart")

    assert response.status_code == 200
    assert response.json() == {
        "items": [
            {
                "product_id": product["id"],
                "sku": "MUG-1",
                "name": "Mug",
                "unit_price": "19.90",
                "quantity": 3,
                "line_total": "59.70",
            }
        ],
        "total_quantity": 3,
        "total": "59.70",
        "currency": "KZT",
    }


def test_the_cart_is_priced_with_the_catalogs_current_prices(
    api_client, user_id, catalog, cart_seed
):
    product = catalog.product_add(price="10.00")
    cart_seed(user_id=user_id, lines={product["id"]: 2})
    product["price"] = "12.50"

    response = api_client.get("/cart")

    assert response.json()["items"][0]["unit_price"] == "12.50"
    assert response.json()["total"] == "25.00"


def test_totals_are_exact_decimal_sums(api_client, user_id, catalog, cart_seed):
    tenth = catalog.product_add(price="0.10")
    fifth = catalog.product_add(price="0.20")
    cart_seed(user_id=user_id, lines={tenth["id"]: 1, fifth["id"]: 1})

    response = api_client.get("/cart")

    # As floats 0.1 + 0.2 is 0.30000000000000004.
    assert response.json()["total"] == "0.30"
    assert response.json()["total_quantity"] == 2


def test_lines_whose_product_is_gone_are_left_out(api_client, user_id, catalog, cart_seed):
    kept = catalog.product_add(price="5.00")
    deleted = catalog.product_add(price="7.00")
    deactivated = catalog.product_add(price="9.00")
    cart_seed(user_id=user_id, lines={kept["id"]: 1, deleted["id"]: 1, deactivated["id"]: 1})
    del catalog.products[deleted["id"]]
    deactivated["is_active"] = False

    response = api_client.get("/cart")

    assert [item["product_id"] for item in response.json()["items"]] == [kept["id"]]
    assert response.json()["total"] == "5.00"
    assert response.json()["total_quantity"] == 1


def test_lines_are_sorted_by_product_name_then_id(api_client, user_id, catalog, cart_seed):
    pear = catalog.product_add(name="Pear")
    apple = catalog.product_add(name="Apple")
    twins = sorted(
        (catalog.product_add(name="Kiwi") for _ in range(2)), key=lambda product: product["id"]
    )
    cart_seed(user_id=user_id, lines={p["id"]: 1 for p in (pear, twins[1], apple, twins[0])})

    response = api_client.get("/cart")

    assert [item["product_id"] for item in response.json()["items"]] == [
        apple["id"],
        twins[0]["id"],
        twins[1]["id"],
        pear["id"],
    ]


def test_the_currency_is_the_shops(api_client, settings):
    settings.SHOP_CURRENCY = "EUR"

    response = api_client.get("/cart")

    assert response.json()["currency"] == "EUR"


def test_the_dearest_product_ninety_nine_times_is_rendered_exactly(
    api_client, user_id, catalog, cart_seed
):
    product = catalog.product_add(price="9999999999.99")
    cart_seed(user_id=user_id, lines={product["id"]: 99})

    response = api_client.get("/cart")

    assert response.status_code == 200
    assert response.json()["items"][0]["line_total"] == "989999999999.01"
    assert response.json()["total"] == "989999999999.01"


@pytest.mark.parametrize("price", ["10000000000.00", "1e999999", "0.001"])
def test_a_catalog_price_outside_numeric_12_2_is_503_not_500(
    api_client, user_id, catalog, cart_seed, price
):
    product = catalog.product_add(price=price)
    cart_seed(user_id=user_id, lines={product["id"]: 3})

    response = api_client.get("/cart")

    assert response.status_code == 503
    assert "catalog" in response.json()["detail"]


def test_an_unreadable_line_is_neither_shown_nor_sent_to_the_catalog(
    api_client, user_id, catalog, cart_seed
):
    product = catalog.product_add(price="2.00")
    cart_seed(user_id=user_id, lines={product["id"]: 1, "junk": 1, product["id"].upper(): 1})

    response = api_client.get("/cart")

    assert response.status_code == 200
    assert [item["product_id"] for item in response.json()["items"]] == [product["id"]]
    assert response.json()["total"] == "2.00"
    # The catalog refuses a whole `ids` list with one malformed item.
    assert "junk" not in catalog.list_calls[0].request.url


def test_a_cart_of_one_hundred_lines_is_priced_with_one_catalog_call(
    api_client, user_id, catalog, cart_seed
):
    products = [catalog.product_add(price="1.00") for _ in range(100)]
    cart_seed(user_id=user_id, lines={product["id"]: 1 for product in products})

    response = api_client.get("/cart")

    assert len(response.json()["items"]) == 100
    assert response.json()["total"] == "100.00"
    assert len(catalog.mock.calls) == 1


def test_the_catalog_is_called_anonymously_with_the_ids_of_the_lines(
    api_client, user_id, catalog, cart_seed
):
    product = catalog.product_add()
    cart_seed(user_id=user_id, lines={product["id"]: 1})

    api_client.get("/cart")

    request = catalog.mock.calls[0].request
    assert "Authorization" not in request.headers
    assert f"ids={product['id']}" in request.url
    assert "page_size=100" in request.url


def test_an_unreachable_catalog_answers_503_with_a_detail(
    api_client, user_id, http_mock, settings, cart_seed
):
    http_mock.add(
        responses.GET,
        f"{settings.SERVICE_URLS['catalog']}/products",
        body=requests.ConnectionError("refused"),
    )
    cart_seed(user_id=user_id, lines={str(uuid.uuid4()): 1})

    response = api_client.get("/cart")

    assert response.status_code == 503
    assert "catalog" in response.json()["detail"]


def test_a_catalog_timing_out_answers_503(api_client, user_id, http_mock, settings, cart_seed):
    http_mock.add(
        responses.GET,
        f"{settings.SERVICE_URLS['catalog']}/products",
        body=requests.ReadTimeout("too slow"),
    )
    cart_seed(user_id=user_id, lines={str(uuid.uuid4()): 1})

    response = api_client.get("/cart")

    assert response.status_code == 503
    assert "detail" in response.json()


def test_a_failing_catalog_answers_503(api_client, user_id, http_mock, settings, cart_seed):
    http_mock.add(responses.GET, f"{settings.SERVICE_URLS['catalog']}/products", status=500)
    cart_seed(user_id=user_id, lines={str(uuid.uuid4()): 1})

    response = api_client.get("/cart")

    assert response.status_code == 503


def test_a_catalog_answering_garbage_answers_503(
    api_client, user_id, http_mock, settings, cart_seed
):
    http_mock.add(
        responses.GET, f"{settings.SERVICE_URLS['catalog']}/products", body="<html>oops</html>"
    )
    cart_seed(user_id=user_id, lines={str(uuid.uuid4()): 1})

    response = api_client.get("/cart")

    assert response.status_code == 503


def test_a_catalog_that_never_answers_gives_503_after_the_timeout(
    api_client, user_id, http_mock, settings, cart_seed
):
    # A real socket that accepts connections and never answers them.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        silent_url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        http_mock.add_passthru(silent_url)
        settings.SERVICE_URLS = {**settings.SERVICE_URLS, "catalog": silent_url}
        settings.SERVICE_TIMEOUT_SECONDS = 0.5
        cart_seed(user_id=user_id, lines={str(uuid.uuid4()): 1})
        started = time.monotonic()

        response = api_client.get("/cart")

        assert response.status_code == 503
        assert time.monotonic() - started < 3


def test_a_request_without_a_token_is_401(api_client):
    api_client.credentials()

    response = api_client.get("/cart")

    assert response.status_code == 401
    assert "detail" in response.json()


def test_an_expired_token_is_401(api_client, user_id):
    token = access_token_mint(user_id=user_id, lifetime=timedelta(seconds=-60))
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    response = api_client.get("/cart")

    assert response.status_code == 401


def test_a_forged_token_is_401(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not.a.jwt")

    response = api_client.get("/cart")

    assert response.status_code == 401


def test_a_service_credential_is_not_a_shopper(catalog):
    response = api_client_as_service(audience="cart").get("/cart")

    assert response.status_code == 401


def test_an_admin_has_a_cart_of_their_own(catalog):
    admin = api_client_as_user(user_id=str(uuid.uuid4()), role=roles.ADMIN)

    response = admin.get("/cart")

    assert response.status_code == 200


@pytest.mark.parametrize("method", ["put", "patch"])
def test_methods_the_cart_does_not_offer_are_405(api_client, method):
    response = getattr(api_client, method)("/cart", {}, format="json")

    assert response.status_code == 405
