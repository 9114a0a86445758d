import uuid
from decimal import Decimal

import pytest

from products.tests.factories import CategoryFactory, ProductFactory, ProductImageFactory

pytestmark = pytest.mark.django_db

URL = "/products"


def _skus(response) -> set[str]:
    return {product["sku"] for product in response.json()["results"]}


def test_anonymous_visitors_get_a_page_of_products_in_the_contract_shape(anonymous_client):
    category = CategoryFactory(name="Books", slug="books")
    product = ProductFactory(sku="BOOK-1", price=Decimal("19.9"), categories=[category])
    ProductImageFactory(product=product, url="/static/a.svg", alt="front", position=0)

    response = anonymous_client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 1
    item = body["results"][0]
    assert set(item) == {
        "id", "sku", "name", "description", "price", "currency", "stock", "is_active",
        "attributes", "categories", "images", "created_at", "updated_at",
    }  # fmt: skip
    assert item["id"] == str(product.id)
    assert item["price"] == "19.90"
    assert item["currency"] == "KZT"
    assert item["attributes"] == {"colour": "blue"}
    assert item["categories"] == [{"id": str(category.id), "name": "Books", "slug": "books"}]
    assert item["images"][0]["url"] == "/static/a.svg"
    assert item["images"][0]["alt"] == "front"
    assert item["created_at"].endswith("Z")


def test_images_come_ordered_by_position(anonymous_client):
    product = ProductFactory()
    ProductImageFactory(product=product, url="/second.svg", position=2)
    ProductImageFactory(product=product, url="/first.svg", position=1)

    response = anonymous_client.get(URL)

    assert [image["url"] for image in response.json()["results"][0]["images"]] == [
        "/first.svg",
        "/second.svg",
    ]


def test_inactive_products_are_hidden_from_anonymous_visitors(anonymous_client):
    ProductFactory(sku="ON")
    ProductFactory(sku="OFF", is_active=False)

    assert _skus(anonymous_client.get(URL)) == {"ON"}


def test_inactive_products_are_hidden_from_customers(customer_client):
    ProductFactory(sku="ON")
    ProductFactory(sku="OFF", is_active=False)

    assert _skus(customer_client.get(URL)) == {"ON"}


def test_admins_see_inactive_products(admin_client):
    ProductFactory(sku="ON")
    ProductFactory(sku="OFF", is_active=False)

    assert _skus(admin_client.get(URL)) == {"ON", "OFF"}


def test_a_bad_token_is_401_even_on_a_public_read(anonymous_client):
    anonymous_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")

    response = anonymous_client.get(URL)

    assert response.status_code == 401
    assert "detail" in response.json()


def test_search_matches_name_sku_and_description_case_insensitively(anonymous_client):
    ProductFactory(sku="A1", name="Blue Mug", description="")
    ProductFactory(sku="MUG-2", name="Cup", description="")
    ProductFactory(sku="C3", name="Plate", description="Goes with a mug")
    ProductFactory(sku="D4", name="Fork", description="")

    assert _skus(anonymous_client.get(URL, {"search": "MUG"})) == {"A1", "MUG-2", "C3"}


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("100%", {"PCT"}),
        ("a_b", {"UNDERSCORE"}),
        ("back\\slash", {"BACKSLASH"}),
        ("it's", {"QUOTE"}),
        ('"quoted"', {"DQUOTE"}),
    ],
)
def test_search_takes_wildcards_quotes_and_backslashes_literally(
    anonymous_client, search, expected
):
    ProductFactory(sku="PCT", name="100% cotton", description="")
    ProductFactory(sku="PLAIN", name="1000 cotton axb", description="")
    ProductFactory(sku="UNDERSCORE", name="a_b", description="")
    ProductFactory(sku="BACKSLASH", name="back\\slash", description="")
    ProductFactory(sku="QUOTE", name="it's here", description="")
    ProductFactory(sku="DQUOTE", name='the "quoted" one', description="")

    response = anonymous_client.get(URL, {"search": search})

    assert response.status_code == 200
    assert _skus(response) == expected


def test_a_search_with_a_nul_character_is_400(anonymous_client):
    response = anonymous_client.get(URL, {"search": "a\x00b"})

    assert response.status_code == 400
    assert "search" in response.json()


def test_the_category_filter_takes_a_slug(anonymous_client):
    books = CategoryFactory(slug="books")
    toys = CategoryFactory(slug="toys")
    ProductFactory(sku="BOOK", categories=[books])
    ProductFactory(sku="BOTH", categories=[books, toys])
    ProductFactory(sku="TOY", categories=[toys])

    response = anonymous_client.get(URL, {"category": "books"})

    assert _skus(response) == {"BOOK", "BOTH"}
    assert response.json()["count"] == 2


def test_price_filters_bound_the_price_inclusively(anonymous_client):
    ProductFactory(sku="CHEAP", price=Decimal("5.00"))
    ProductFactory(sku="MID", price=Decimal("10.00"))
    ProductFactory(sku="DEAR", price=Decimal("20.00"))

    response = anonymous_client.get(URL, {"min_price": "10.00", "max_price": "20"})

    assert _skus(response) == {"MID", "DEAR"}


@pytest.mark.parametrize("value", ["abc", "-1", "1e999999", "NaN", "Infinity", "10000000000"])
def test_a_malformed_or_absurd_price_filter_is_400(anonymous_client, value):
    response = anonymous_client.get(URL, {"min_price": value})

    assert response.status_code == 400
    assert "min_price" in response.json()


def test_the_ids_filter_returns_just_those_products(anonymous_client):
    first, second, _ = ProductFactory.create_batch(3)

    response = anonymous_client.get(URL, {"ids": f"{first.id},{second.id}", "page_size": 100})

    assert {item["id"] for item in response.json()["results"]} == {
        str(first.id),
        str(second.id),
    }


def test_the_ids_filter_leaves_out_inactive_products_for_anonymous_callers(anonymous_client):
    active = ProductFactory()
    inactive = ProductFactory(is_active=False)

    response = anonymous_client.get(URL, {"ids": f"{active.id},{inactive.id}"})

    assert [item["id"] for item in response.json()["results"]] == [str(active.id)]


def test_a_malformed_uuid_in_ids_is_400(anonymous_client):
    response = anonymous_client.get(URL, {"ids": f"{uuid.uuid4()},not-a-uuid"})

    assert response.status_code == 400
    assert "ids" in response.json()


def test_more_than_100_ids_is_400(anonymous_client):
    ids = ",".join(str(uuid.uuid4()) for _ in range(101))

    response = anonymous_client.get(URL, {"ids": ids})

    assert response.status_code == 400
    assert "ids" in response.json()


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("price", ["B", "C", "A"]),
        ("-price", ["A", "C", "B"]),
        ("name", ["A", "B", "C"]),
        ("-name", ["C", "B", "A"]),
        ("sku", ["A", "B", "C"]),
    ],
)
def test_ordering_sorts_by_the_allowed_fields(anonymous_client, ordering, expected):
    ProductFactory(sku="A", name="Apple", price=Decimal("30.00"))
    ProductFactory(sku="B", name="Banana", price=Decimal("10.00"))
    ProductFactory(sku="C", name="Cherry", price=Decimal("20.00"))

    response = anonymous_client.get(URL, {"ordering": ordering})

    assert [item["sku"] for item in response.json()["results"]] == expected


def test_the_default_order_is_newest_first(anonymous_client):
    for sku in ["OLD", "MIDDLE", "NEW"]:
        ProductFactory(sku=sku)

    response = anonymous_client.get(URL)

    assert [item["sku"] for item in response.json()["results"]] == ["NEW", "MIDDLE", "OLD"]


def test_ordering_by_an_unlisted_field_is_400(anonymous_client):
    response = anonymous_client.get(URL, {"ordering": "stock"})

    assert response.status_code == 400
    assert "ordering" in response.json()


def test_page_size_is_capped_at_100(anonymous_client):
    ProductFactory.create_batch(105)

    response = anonymous_client.get(URL, {"page_size": 500})

    body = response.json()
    assert body["count"] == 105
    assert len(body["results"]) == 100
    assert body["next"] is not None


def test_pages_follow_each_other_without_overlap(anonymous_client):
    ProductFactory.create_batch(5, price=Decimal("1.00"))

    first = anonymous_client.get(URL, {"page_size": 3, "ordering": "price"}).json()
    second = anonymous_client.get(URL, {"page_size": 3, "ordering": "price", "page": 2}).json()

    ids = [p["id"] for p in first["results"]] + [p["id"] for p in second["results"]]
    assert len(set(ids)) == 5


def test_a_page_past_the_end_is_404(anonymous_client):
    ProductFactory()

    response = anonymous_client.get(URL, {"page": 5})

    assert response.status_code == 404
    assert "detail" in response.json()


@pytest.mark.parametrize("page_size", [1, 20, 100])
def test_the_list_runs_a_constant_number_of_queries_whatever_the_page_size(
    anonymous_client, django_assert_num_queries, page_size
):
    categories = CategoryFactory.create_batch(2)
    for product in ProductFactory.create_batch(100, categories=categories):
        ProductImageFactory.create_batch(3, product=product)

    # count, page, and the page's categories and images as JSON arrays
    with django_assert_num_queries(3):
        response = anonymous_client.get(URL, {"page_size": page_size})

    assert len(response.json()["results"]) == page_size
    assert all(len(item["images"]) == 3 for item in response.json()["results"])
    assert all(len(item["categories"]) == 2 for item in response.json()["results"])
