"""`GET /products/low-stock`: the staff dashboard's low-stock list (admin role)."""

import pytest

from products.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

URL = "/products/low-stock"


def test_admins_get_active_products_at_or_below_the_default_threshold_lowest_first(admin_client):
    low = ProductFactory(sku="LOW", name="Zebra mug", stock=1)
    ProductFactory(sku="EDGE-B", name="Bowl", stock=5)
    ProductFactory(sku="EDGE-A", name="Apron", stock=5)
    ProductFactory(sku="PLENTY", stock=6)
    ProductFactory(sku="HIDDEN", stock=0, is_active=False)

    response = admin_client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["threshold"] == 5
    assert [row["sku"] for row in body["results"]] == ["LOW", "EDGE-A", "EDGE-B"]
    assert body["results"][0] == {
        "id": str(low.id),
        "sku": "LOW",
        "name": "Zebra mug",
        "stock": 1,
    }


def test_the_threshold_can_be_given(admin_client):
    ProductFactory(sku="OUT", stock=0)
    ProductFactory(sku="ONE", stock=1)
    ProductFactory(sku="FIFTY", stock=50)

    zero = admin_client.get(URL, {"threshold": "0"}).json()
    fifty = admin_client.get(URL, {"threshold": "50"}).json()

    assert zero["threshold"] == 0
    assert [row["sku"] for row in zero["results"]] == ["OUT"]
    assert [row["sku"] for row in fifty["results"]] == ["OUT", "ONE", "FIFTY"]


def test_at_most_ten_products_are_listed(admin_client):
    ProductFactory.create_batch(12, stock=0)

    response = admin_client.get(URL)

    assert len(response.json()["results"]) == 10


def test_an_empty_catalog_gives_an_empty_list(admin_client):
    response = admin_client.get(URL)

    assert response.status_code == 200
    assert response.json() == {"threshold": 5, "results": []}


@pytest.mark.parametrize("threshold", ["-1", "1001", "abc", "2.5", "99999999999999999999"])
def test_a_bad_threshold_is_400_keyed_by_threshold(admin_client, threshold):
    response = admin_client.get(URL, {"threshold": threshold})

    assert response.status_code == 400
    assert set(response.json()) == {"threshold"}


def test_an_empty_threshold_counts_as_none_given(admin_client):
    response = admin_client.get(URL, {"threshold": ""})

    assert response.status_code == 200
    assert response.json()["threshold"] == 5


def test_the_list_needs_a_token(anonymous_client):
    response = anonymous_client.get(URL)

    assert response.status_code == 401
    assert "detail" in response.json()


def test_customers_are_refused(customer_client):
    response = customer_client.get(URL)

    assert response.status_code == 403


def test_a_product_id_path_still_reaches_the_product(anonymous_client):
    product = ProductFactory()

    response = anonymous_client.get(f"/products/{product.id}")

    assert response.status_code == 200
    assert response.json()["id"] == str(product.id)


@pytest.mark.parametrize("rows", [1, 30])
def test_the_list_is_one_query_whatever_the_catalog_size(
    admin_client, django_assert_num_queries, rows
):
    ProductFactory.create_batch(rows, stock=2)

    with django_assert_num_queries(1):
        response = admin_client.get(URL)

    assert response.status_code == 200
    assert len(response.json()["results"]) == min(rows, 10)


def test_the_schema_describes_the_low_stock_response(anonymous_client):
    schema = anonymous_client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/products/low-stock"]["get"]
    components = schema["components"]["schemas"]

    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    output = components[ref.rsplit("/", 1)[-1]]
    row_ref = output["properties"]["results"]["items"]["$ref"]
    row = components[row_ref.rsplit("/", 1)[-1]]

    assert set(output["properties"]) == {"threshold", "results"}
    assert set(row["properties"]) == {"id", "sku", "name", "stock"}
    assert {"400", "401", "403"} <= set(operation["responses"])
    assert [p["name"] for p in operation["parameters"]] == ["threshold"]
