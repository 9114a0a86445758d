import pytest

from products.models import Product, ProductImage
from products.tests.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db

URL = "/products"


def _body(**overrides):
    return {"sku": "NEW-1", "name": "New product", "price": "19.90", **overrides}


def test_an_admin_creates_a_product_with_categories_and_images(admin_client):
    books = CategoryFactory(slug="books")

    response = admin_client.post(
        URL,
        _body(
            description="A fine thing",
            stock=5,
            attributes={"colour": "red", "sizes": ["S", "M"]},
            category_ids=[str(books.id)],
            images=[{"url": "https://cdn.example.com/a.png", "alt": "front"}, {"url": "/b.svg"}],
        ),
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["sku"] == "NEW-1"
    assert body["price"] == "19.90"
    assert body["currency"] == "KZT"
    assert body["stock"] == 5
    assert body["is_active"] is True
    assert body["attributes"] == {"colour": "red", "sizes": ["S", "M"]}
    assert [c["slug"] for c in body["categories"]] == ["books"]
    assert [(i["url"], i["alt"], i["position"]) for i in body["images"]] == [
        ("https://cdn.example.com/a.png", "front", 0),
        ("/b.svg", "", 1),
    ]
    product = Product.objects.get(sku="NEW-1")
    assert str(product.price) == "19.90"
    assert product.stock == 5


def test_a_minimal_product_gets_defaults(admin_client):
    response = admin_client.post(URL, _body(), format="json")

    assert response.status_code == 201
    body = response.json()
    assert (body["stock"], body["is_active"], body["attributes"], body["description"]) == (
        0,
        True,
        {},
        "",
    )


def test_the_currency_is_the_shops_and_not_the_callers(admin_client, settings):
    settings.SHOP_CURRENCY = "USD"

    response = admin_client.post(URL, _body(currency="EUR"), format="json")

    assert response.json()["currency"] == "USD"


def test_form_encoded_bodies_are_accepted(admin_client):
    response = admin_client.post(URL, _body(stock="3"))

    assert response.status_code == 201
    assert response.json()["stock"] == 3


def test_anonymous_callers_cannot_create_products(anonymous_client):
    response = anonymous_client.post(URL, _body(), format="json")

    assert response.status_code == 401
    assert not Product.objects.exists()


def test_customers_cannot_create_products(customer_client):
    response = customer_client.post(URL, _body(), format="json")

    assert response.status_code == 403
    assert "detail" in response.json()
    assert not Product.objects.exists()


def test_a_duplicate_sku_is_409_and_changes_nothing(admin_client):
    ProductFactory(sku="NEW-1", name="Original")

    response = admin_client.post(URL, _body(name="Copy"), format="json")

    assert response.status_code == 409
    assert response.json() == {"detail": "A product with this SKU already exists."}
    assert list(Product.objects.values_list("name", flat=True)) == ["Original"]


@pytest.mark.parametrize(
    "price", ["19.999", "-0.01", "10000000000.00", "99999999999", "abc", "NaN", "Infinity", ""]
)
def test_a_bad_price_is_400_and_creates_nothing(admin_client, price):
    response = admin_client.post(URL, _body(price=price), format="json")

    assert response.status_code == 400
    assert "price" in response.json()
    assert not Product.objects.exists()


def test_the_largest_price_the_column_holds_is_accepted(admin_client):
    response = admin_client.post(URL, _body(price="9999999999.99"), format="json")

    assert response.status_code == 201
    assert response.json()["price"] == "9999999999.99"


@pytest.mark.parametrize("stock", [-1, 2**31, "many"])
def test_a_bad_stock_is_400(admin_client, stock):
    response = admin_client.post(URL, _body(stock=stock), format="json")

    assert response.status_code == 400
    assert "stock" in response.json()


def test_an_unknown_category_is_400_and_creates_nothing(admin_client):
    known = CategoryFactory()
    unknown = "00000000-0000-0000-0000-000000000001"

    response = admin_client.post(URL, _body(category_ids=[str(known.id), unknown]), format="json")

    assert response.status_code == 400
    assert unknown in response.json()["category_ids"][0]
    assert not Product.objects.exists()


def _nested(depth: int) -> dict:
    value: dict = {}
    for _ in range(depth - 1):
        value = {"level": value}
    return value


@pytest.mark.parametrize(
    "attributes", [["a", "list"], "text", 3, {"bad": "nul\x00char"}, {"nul\x00": 1}, _nested(6)]
)
def test_attributes_must_be_a_plain_json_object(admin_client, attributes):
    response = admin_client.post(URL, _body(attributes=attributes), format="json")

    assert response.status_code == 400
    assert "attributes" in response.json()


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "//evil.example.com/x.png",
        "/\\evil.example.com/x.png",
        "data:image/png;base64,AA",
        "x.png",
    ],
)
def test_an_image_url_must_be_http_or_site_relative(admin_client, url):
    response = admin_client.post(URL, _body(images=[{"url": url}]), format="json")

    assert response.status_code == 400
    assert "images" in response.json()
    assert not ProductImage.objects.exists()


def test_attributes_nested_five_levels_are_accepted(admin_client):
    response = admin_client.post(URL, _body(attributes=_nested(5)), format="json")

    assert response.status_code == 201


def test_missing_required_fields_are_reported_by_field(admin_client):
    response = admin_client.post(URL, {}, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"sku", "name", "price"}


def test_a_malformed_json_body_is_400(admin_client):
    response = admin_client.generic("POST", URL, data="{not json", content_type="application/json")

    assert response.status_code == 400
    assert "detail" in response.json()


def test_a_deeply_nested_json_body_is_400_not_500(admin_client):
    body = '{"sku": "A", "name": "B", "price": "1", "attributes": ' + "[" * 100_000
    body += "]" * 100_000 + "}"

    response = admin_client.generic("POST", URL, data=body, content_type="application/json")

    assert response.status_code == 400
    assert not Product.objects.exists()


@pytest.mark.parametrize(
    "attributes", ['{"colour": "\\ud800"}', '{"\\udc00": 1}', '{"sizes": ["S", "\\ud83d"]}']
)
def test_attributes_with_an_unpaired_surrogate_are_400_not_500(admin_client, attributes):
    # Valid JSON and valid Python text, but PostgreSQL's jsonb refuses it.
    body = '{"sku": "A", "name": "B", "price": "1", "attributes": ' + attributes + "}"

    response = admin_client.generic("POST", URL, data=body, content_type="application/json")

    assert response.status_code == 400
    assert "attributes" in response.json()
    assert not Product.objects.exists()


def test_attributes_with_emoji_are_stored_as_sent(admin_client):
    response = admin_client.post(URL, _body(attributes={"mood": "\U0001f600"}), format="json")

    assert response.status_code == 201
    assert Product.objects.get(sku="NEW-1").attributes == {"mood": "\U0001f600"}


def test_category_ids_must_be_uuid_strings_not_numbers(admin_client):
    response = admin_client.post(URL, _body(category_ids=[1]), format="json")

    assert response.status_code == 400
    assert "category_ids" in response.json()
    assert not Product.objects.exists()
