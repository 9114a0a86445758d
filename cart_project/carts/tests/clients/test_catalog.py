import json
import uuid

import pytest
import responses

from carts.clients.catalog import catalog_products_get
from shop_common.errors import ServiceUnavailable


def test_up_to_one_hundred_ids_are_fetched_in_one_call(catalog):
    products = [catalog.product_add() for _ in range(100)]

    found = catalog_products_get(ids=[product["id"] for product in products])

    assert set(found) == {product["id"] for product in products}
    assert len(catalog.mock.calls) == 1


def test_more_than_one_hundred_ids_are_fetched_in_batches_of_one_hundred(catalog):
    products = [catalog.product_add() for _ in range(150)]

    found = catalog_products_get(ids=[product["id"] for product in products])

    assert len(found) == 150
    assert len(catalog.mock.calls) == 2


def test_prices_are_decimals(catalog):
    product = catalog.product_add(price="19.90")

    found = catalog_products_get(ids=[product["id"]])

    assert str(found[product["id"]].price) == "19.90"


def test_products_not_asked_for_are_ignored(http_mock, settings, catalog):
    asked = str(uuid.uuid4())
    stray = catalog.product_add()
    http_mock.replace(
        responses.GET,
        f"{settings.SERVICE_URLS['catalog']}/products",
        json={"count": 1, "next": None, "previous": None, "results": [stray]},
    )

    assert catalog_products_get(ids=[asked]) == {}


def test_an_inactive_product_in_the_answer_is_treated_as_gone(http_mock, settings, catalog):
    product = catalog.product_add(is_active=False)
    http_mock.replace(
        responses.GET,
        f"{settings.SERVICE_URLS['catalog']}/products",
        json={"count": 1, "next": None, "previous": None, "results": [product]},
    )

    assert catalog_products_get(ids=[product["id"]]) == {}


@pytest.mark.parametrize(
    "broken",
    [
        {"price": "cheap"},
        {"price": "NaN"},
        {"price": "-1.00"},
        # Beyond NUMERIC(12,2): not a price the cart could render.
        {"price": "10000000000.00"},
        {"price": "1e999999"},
        {"price": "0.001"},
        {"stock": "many"},
        {"stock": True},
        {"id": "x"},
    ],
)
def test_a_malformed_product_means_the_catalog_is_broken(http_mock, settings, catalog, broken):
    product = {**catalog.product_add(), **broken}
    http_mock.replace(
        responses.GET,
        f"{settings.SERVICE_URLS['catalog']}/products",
        body=json.dumps({"count": 1, "next": None, "previous": None, "results": [product]}),
    )

    with pytest.raises(ServiceUnavailable):
        catalog_products_get(ids=[product["id"]])


@pytest.mark.parametrize("status", [400, 401, 403, 429])
def test_an_unexpected_status_means_the_catalog_cannot_answer(http_mock, settings, status):
    http_mock.add(
        responses.GET, f"{settings.SERVICE_URLS['catalog']}/products", json={}, status=status
    )

    with pytest.raises(ServiceUnavailable):
        catalog_products_get(ids=[str(uuid.uuid4())])


def test_a_body_without_results_means_the_catalog_is_broken(http_mock, settings):
    http_mock.add(responses.GET, f"{settings.SERVICE_URLS['catalog']}/products", json=[1, 2])

    with pytest.raises(ServiceUnavailable):
        catalog_products_get(ids=[str(uuid.uuid4())])


def test_the_dearest_price_numeric_12_2_allows_is_read(catalog):
    product = catalog.product_add(price="9999999999.99")

    found = catalog_products_get(ids=[product["id"]])

    assert str(found[product["id"]].price) == "9999999999.99"
