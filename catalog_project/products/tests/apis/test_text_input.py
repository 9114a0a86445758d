"""Every text field of the catalog's writes and every filter of its list, fed
what clients get wrong (DESIGN.md §3: no request input produces a 500): a
400 keyed by the field and nothing written, or, for a lenient filter, a page."""

import json
import uuid
from urllib.parse import urlencode

import pytest

from products.models import Category, Product, ProductImage
from products.tests.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db

# Raw JSON text, so a lone surrogate reaches the parser as a client sends it.
BAD_JSON_VALUES = {
    "lone-surrogate": '"a\\ud800b"',
    "low-surrogate": '"\\udc00"',
    "nul": '"a\\u0000b"',
    "ten-thousand-chars": json.dumps("x" * 10_001),
    "object": '{"text": "a"}',
    "list": '["a"]',
    "integer": "12345",
    "float": "1.5",
    "true": "true",
    "false": "false",
}
# What a form or multipart body can carry: text only.
BAD_FORM_VALUES = {"nul": "a\x00b", "ten-thousand-chars": "x" * 10_001}
FORM = "application/x-www-form-urlencoded"

PRODUCT_TEXT_FIELDS = ["sku", "name", "description"]
CATEGORY_TEXT_FIELDS = ["name", "slug"]
IMAGE_TEXT_FIELDS = ["url", "alt"]


def _product_body(**overrides) -> dict:
    return {"sku": "TXT-1", "name": "Mug", "price": "9.90", **overrides}


def _json_with(body: dict, field: str, raw_value: str) -> str:
    """`body` as JSON with `field` set to the raw JSON text `raw_value`."""
    marker = "__VALUE__"
    return json.dumps({**body, field: marker}).replace(f'"{marker}"', raw_value)


def _post_json(client, url: str, text: str, method: str = "post"):
    return getattr(client, method)(url, data=text, content_type="application/json")


@pytest.mark.parametrize("field", PRODUCT_TEXT_FIELDS)
@pytest.mark.parametrize("raw", BAD_JSON_VALUES.values(), ids=BAD_JSON_VALUES.keys())
def test_a_product_text_field_refuses_bad_json_values_and_writes_nothing(admin_client, field, raw):
    response = _post_json(admin_client, "/products", _json_with(_product_body(), field, raw))

    assert response.status_code == 400
    assert set(response.json()) == {field}
    assert not Product.objects.exists()


@pytest.mark.parametrize("field", PRODUCT_TEXT_FIELDS)
@pytest.mark.parametrize("raw", BAD_JSON_VALUES.values(), ids=BAD_JSON_VALUES.keys())
def test_a_product_update_refuses_bad_json_values_and_changes_nothing(admin_client, field, raw):
    product = ProductFactory(sku="KEEP", name="Kept", description="Kept too")

    response = _post_json(
        admin_client, f"/products/{product.id}", _json_with({}, field, raw), method="patch"
    )

    assert response.status_code == 400
    assert set(response.json()) == {field}
    product.refresh_from_db()
    assert (product.sku, product.name, product.description) == ("KEEP", "Kept", "Kept too")


@pytest.mark.parametrize("field", IMAGE_TEXT_FIELDS)
@pytest.mark.parametrize("raw", BAD_JSON_VALUES.values(), ids=BAD_JSON_VALUES.keys())
def test_an_image_text_field_refuses_bad_json_values_and_writes_nothing(admin_client, field, raw):
    image = _json_with({"url": "/a.svg"}, field, raw)
    text = json.dumps(_product_body(images="__IMAGES__")).replace('"__IMAGES__"', f"[{image}]")

    response = _post_json(admin_client, "/products", text)

    assert response.status_code == 400
    assert set(response.json()) == {"images"}
    assert set(response.json()["images"]["0"]) == {field}
    assert not Product.objects.exists()
    assert not ProductImage.objects.exists()


@pytest.mark.parametrize("field", CATEGORY_TEXT_FIELDS)
@pytest.mark.parametrize("raw", BAD_JSON_VALUES.values(), ids=BAD_JSON_VALUES.keys())
def test_a_category_text_field_refuses_bad_json_values_and_writes_nothing(admin_client, field, raw):
    response = _post_json(admin_client, "/categories", _json_with({"name": "Books"}, field, raw))

    assert response.status_code == 400
    assert set(response.json()) == {field}
    assert not Category.objects.exists()


@pytest.mark.parametrize("field", CATEGORY_TEXT_FIELDS)
@pytest.mark.parametrize("raw", BAD_JSON_VALUES.values(), ids=BAD_JSON_VALUES.keys())
def test_a_category_update_refuses_bad_json_values_and_changes_nothing(admin_client, field, raw):
    category = CategoryFactory(name="Books", slug="books")

    response = _post_json(
        admin_client, f"/categories/{category.id}", _json_with({}, field, raw), method="patch"
    )

    assert response.status_code == 400
    assert set(response.json()) == {field}
    category.refresh_from_db()
    assert (category.name, category.slug) == ("Books", "books")


@pytest.mark.parametrize("encoding", ["form", "multipart"])
@pytest.mark.parametrize("field", PRODUCT_TEXT_FIELDS)
@pytest.mark.parametrize("value", BAD_FORM_VALUES.values(), ids=BAD_FORM_VALUES.keys())
def test_a_product_form_body_with_bad_text_is_400_and_writes_nothing(
    admin_client, encoding, field, value
):
    body = _product_body(**{field: value})
    if encoding == "form":
        response = admin_client.post("/products", urlencode(body), content_type=FORM)
    else:
        response = admin_client.post("/products", body, format="multipart")

    assert response.status_code == 400
    assert set(response.json()) == {field}
    assert not Product.objects.exists()


@pytest.mark.parametrize("field", CATEGORY_TEXT_FIELDS)
@pytest.mark.parametrize("value", BAD_FORM_VALUES.values(), ids=BAD_FORM_VALUES.keys())
def test_a_category_form_body_with_bad_text_is_400_and_writes_nothing(admin_client, field, value):
    body = urlencode({"name": "Books", field: value})

    response = admin_client.post("/categories", body, content_type=FORM)

    assert response.status_code == 400
    assert set(response.json()) == {field}
    assert not Category.objects.exists()


def test_a_form_body_with_undecodable_bytes_is_read_as_replacement_characters(admin_client):
    # A lone surrogate's UTF-8 form (ED A0 80) is not UTF-8: Django decodes
    # it as U+FFFD, which any text column stores.
    response = admin_client.post(
        "/categories",
        data=b"name=Bad%ED%A0%80Bytes",
        content_type=FORM,
    )

    assert response.status_code == 201
    assert Category.objects.get().name == "Bad\ufffd\ufffd\ufffdBytes"


def test_a_paired_surrogate_in_json_is_the_character_it_encodes(admin_client):
    response = _post_json(
        admin_client, "/products", _json_with(_product_body(), "name", '"\\ud83d\\ude00"')
    )

    assert response.status_code == 201
    assert Product.objects.get().name == "\U0001f600"


# The list's filters: each bad value is a 400 keyed by the parameter.
BAD_QUERY_VALUES = {"nul": "a\x00b", "ten-thousand-chars": "x" * 10_000}


@pytest.mark.parametrize(
    "parameter", ["search", "category", "ordering", "ids", "min_price", "max_price"]
)
@pytest.mark.parametrize("value", BAD_QUERY_VALUES.values(), ids=BAD_QUERY_VALUES.keys())
def test_a_list_filter_with_a_bad_value_is_400_keyed_by_it(anonymous_client, parameter, value):
    ProductFactory()

    response = anonymous_client.get("/products", {parameter: value})

    assert response.status_code == 400
    assert set(response.json()) == {parameter}


@pytest.mark.parametrize("value", ["a\x00b", "x" * 10_000, "-1", "abc"])
def test_the_low_stock_threshold_with_a_bad_value_is_400(admin_client, value):
    response = admin_client.get("/products/low-stock", {"threshold": value})

    assert response.status_code == 400
    assert set(response.json()) == {"threshold"}


def test_a_repeated_filter_takes_its_last_value(anonymous_client):
    ProductFactory(sku="MUG", name="Mug")
    ProductFactory(sku="CUP", name="Cup")

    response = anonymous_client.get("/products?search=cup&search=mug")

    assert response.status_code == 200
    assert [p["sku"] for p in response.json()["results"]] == ["MUG"]


def test_an_unknown_or_bracketed_filter_is_ignored(anonymous_client):
    ProductFactory()

    response = anonymous_client.get("/products?search[a]=b&category[]=x&nope=1")

    assert response.status_code == 200
    assert response.json()["count"] == 1


@pytest.mark.parametrize("page", ["0", "-1", "abc", "a\x00", "9" * 50])
def test_a_page_that_is_not_one_is_a_json_404(anonymous_client, page):
    response = anonymous_client.get("/products", {"page": page})

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


def test_a_product_id_that_is_not_a_uuid_in_a_list_is_400(anonymous_client):
    response = anonymous_client.get("/products", {"ids": f"{uuid.uuid4()},1"})

    assert response.status_code == 400
    assert set(response.json()) == {"ids"}
