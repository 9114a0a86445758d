"""`/`: the catalog with search, category, ordering and pages."""

from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import page_json
from django.test import Client

from pages.presenters import unavailable_notice
from storefront.tests.factories import category_json, image_json, product_json


def catalog_params(request) -> dict:
    return {name: values[0] for name, values in parse_qs(urlsplit(request.url).query).items()}


@pytest.fixture
def catalog(services):
    """A catalog with two categories and one page of three products."""
    products = [
        product_json(name="Blue mug", price="1299.50", stock=10),
        product_json(
            name="Teapot",
            stock=3,
            images=[image_json(url="https://img.example.com/t.jpg", alt="Teapot")],
        ),
        product_json(name="Kettle", stock=0),
    ]
    services.stub("GET", "catalog", "/products", json=page_json(products, count=3))
    services.stub(
        "GET",
        "catalog",
        "/categories",
        json=page_json(
            [category_json(name="Kitchen", slug="kitchen"), category_json(name="Tea", slug="tea")]
        ),
    )
    return products


def test_home_lists_the_products_with_image_price_and_stock(catalog):
    response = Client().get("/")

    assert response.status_code == 200
    content = response.content.decode()
    assert content.count('data-testid="product-card"') == 3
    assert "Blue mug" in content
    assert "1,299.50 KZT" in content
    assert 'src="https://img.example.com/t.jpg" alt="Teapot"' in content
    assert "In stock" in content
    assert "Only 3 left" in content
    assert "Out of stock" in content


def test_home_links_each_product_to_its_page(catalog):
    content = Client().get("/").content.decode()

    assert f'href="/products/{catalog[0]["id"]}"' in content


def test_home_lists_the_categories_in_the_filter(catalog):
    content = Client().get("/").content.decode()

    assert '<option value="kitchen">Kitchen</option>' in content
    assert '<option value="tea">Tea</option>' in content


def test_home_asks_the_catalog_for_the_first_page_of_the_configured_size(
    catalog, services, settings
):
    settings.STOREFRONT_PAGE_SIZE = 12

    Client().get("/")

    assert catalog_params(services.requests_to("/products")[0]) == {"page": "1", "page_size": "12"}


def test_home_sends_search_category_ordering_and_page_to_the_catalog(catalog, services):
    Client().get("/?search=mug&category=kitchen&ordering=-price&page=2")

    params = catalog_params(services.requests_to("/products")[0])
    assert params["search"] == "mug"
    assert params["category"] == "kitchen"
    assert params["ordering"] == "-price"
    assert params["page"] == "2"


def test_home_takes_q_as_an_alias_of_search(catalog, services):
    Client().get("/?q=teapot")

    assert catalog_params(services.requests_to("/products")[0])["search"] == "teapot"


def test_home_marks_the_chosen_category_and_names_it_in_the_heading(catalog):
    content = Client().get("/?category=tea").content.decode()

    assert '<option value="tea" selected>Tea</option>' in content
    assert '<h1 class="h3 mb-0">Tea</h1>' in content


def test_home_next_and_previous_links_keep_the_other_filters(services, settings):
    settings.STOREFRONT_PAGE_SIZE = 2
    services.stub(
        "GET", "catalog", "/products", json=page_json([product_json(), product_json()], count=6)
    )
    services.stub("GET", "catalog", "/categories", json=page_json([]))

    content = Client().get("/?q=mug&category=tea&ordering=price&page=2").content.decode()

    assert 'href="?search=mug&amp;category=tea&amp;ordering=price&amp;page=3" rel="next"' in content
    assert 'href="?search=mug&amp;category=tea&amp;ordering=price" rel="prev"' in content
    assert "Page 2 of 3" in content


def test_home_shows_no_pagination_for_a_single_page(catalog):
    content = Client().get("/").content.decode()

    assert 'data-testid="page-next"' not in content
    assert 'data-testid="page-previous"' not in content


def test_a_script_tag_in_a_product_name_is_escaped(services):
    services.stub(
        "GET",
        "catalog",
        "/products",
        json=page_json([product_json(name="<script>alert(1)</script>")]),
    )
    services.stub("GET", "catalog", "/categories", json=page_json([]))

    content = Client().get("/").content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<script>alert(1)</script>" not in content


def test_a_script_tag_in_the_search_is_escaped(catalog):
    content = Client().get("/", {"search": "<script>alert(1)</script>"}).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<script>alert(1)" not in content


def test_home_with_the_catalog_down_is_200_with_a_notice_and_no_products(services):
    services.down("catalog", "/products")

    response = Client().get("/")

    assert response.status_code == 200
    content = response.content.decode()
    assert unavailable_notice("catalog") in content
    assert 'data-testid="product-card"' not in content


def test_home_with_the_catalog_down_does_not_ask_it_again_for_categories(services):
    services.down("catalog", "/products")
    services.down("catalog", "/categories")

    Client().get("/")

    assert services.requests_to("/categories") == []


def test_home_with_the_catalog_failing_with_a_500_shows_the_notice(services):
    services.stub("GET", "catalog", "/products", status=500, json={"detail": "boom"})

    response = Client().get("/")

    assert response.status_code == 200
    assert unavailable_notice("catalog") in response.content.decode()


def test_home_still_lists_products_when_only_the_categories_fail(services):
    services.stub("GET", "catalog", "/products", json=page_json([product_json(name="Blue mug")]))
    services.stub("GET", "catalog", "/categories", status=404, json={"detail": "Not found."})

    response = Client().get("/")

    assert response.status_code == 200
    assert "Blue mug" in response.content.decode()


def test_a_page_past_the_end_is_an_empty_list_with_a_notice_and_a_link_to_the_first(services):
    services.stub("GET", "catalog", "/products", status=404, json={"detail": "Invalid page."})
    services.stub("GET", "catalog", "/categories", json=page_json([]))

    response = Client().get("/?search=mug&page=99999")

    assert response.status_code == 200
    content = response.content.decode()
    assert "There is no page 99999 of this list." in content
    assert 'data-testid="product-card"' not in content
    assert 'href="?search=mug" data-testid="first-page"' in content


def test_a_catalog_400_is_an_empty_list_with_its_message(services):
    services.stub(
        "GET", "catalog", "/products", status=400, json={"min_price": ["Enter a number."]}
    )
    services.stub("GET", "catalog", "/categories", json=page_json([]))

    response = Client().get("/")

    assert response.status_code == 200
    assert (
        "The catalog could not show this list. Min price: Enter a number."
        in response.content.decode()
    )


@pytest.mark.parametrize("page", ["abc", "-1", "0", "1.5", "99999999999999999999", ""])
def test_a_page_number_that_is_not_a_page_shows_the_first_page(catalog, services, page):
    response = Client().get("/", {"page": page})

    assert response.status_code == 200
    assert catalog_params(services.requests_to("/products")[0])["page"] == "1"


def test_a_page_number_that_is_not_a_page_says_so(catalog):
    content = Client().get("/?page=abc").content.decode()

    assert "That page does not exist; here is the first page." in content


@pytest.mark.parametrize("ordering", ["drop", "-sku", "price;DROP TABLE products", "name,price"])
def test_an_ordering_outside_the_list_is_not_sent_to_the_catalog(catalog, services, ordering):
    response = Client().get("/", {"ordering": ordering})

    assert response.status_code == 200
    assert "ordering" not in catalog_params(services.requests_to("/products")[0])


def test_a_huge_search_is_clipped_to_what_the_catalog_searches(catalog, services):
    response = Client().get("/", {"search": "x" * 10_000})

    assert response.status_code == 200
    assert catalog_params(services.requests_to("/products")[0])["search"] == "x" * 200


def test_a_category_that_is_not_a_slug_is_dropped_with_a_notice(catalog, services):
    response = Client().get("/", {"category": "<b>tea</b>"})

    assert response.status_code == 200
    assert "category" not in catalog_params(services.requests_to("/products")[0])
    assert "There is no such category" in response.content.decode()


def test_a_search_with_a_null_character_never_reaches_the_catalog_and_is_no_500(catalog, services):
    response = Client().get("/", {"search": "mug\x00"})

    assert response.status_code == 200
    assert "search" not in catalog_params(services.requests_to("/products")[0])


def test_a_search_without_results_says_so(services):
    services.stub("GET", "catalog", "/products", json=page_json([]))
    services.stub("GET", "catalog", "/categories", json=page_json([]))

    content = Client().get("/?search=nothing").content.decode()

    assert "No products match your search." in content
    assert "0 results for “nothing”" in content


def test_home_is_get_only(services):
    assert Client().post("/").status_code == 405
