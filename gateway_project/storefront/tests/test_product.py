"""`/products/<id>`: one product and its add-to-cart form."""

import uuid

from django.test import Client

from pages.presenters import unavailable_notice
from storefront.tests.factories import category_json, image_json, product_json


def test_product_page_shows_images_attributes_categories_description_price_and_stock(services):
    item = product_json(
        name="Blue mug",
        description="Holds tea.",
        price="19.90",
        stock=4,
        attributes={"colour": "blue", "sizes": ["S", "M"], "dishwasher_safe": True},
        categories=[category_json(name="Kitchen", slug="kitchen")],
        images=[
            image_json(url="https://img.example.com/1.jpg", alt="Front"),
            image_json(url="https://img.example.com/2.jpg", alt="Back"),
        ],
    )
    services.stub("GET", "catalog", f"/products/{item['id']}", json=item)

    response = Client().get(f"/products/{item['id']}")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Blue mug" in content
    assert "<p>Holds tea.</p>" in content
    assert "19.90 KZT" in content
    assert "Only 4 left" in content
    assert 'src="https://img.example.com/1.jpg" alt="Front"' in content
    assert 'src="https://img.example.com/2.jpg" alt="Back"' in content
    assert (
        '<th scope="row" class="fw-normal text-muted w-50">Colour</th><td class="text-break">blue</td>'
        in content
    )
    assert "S, M" in content
    assert "Dishwasher safe" in content
    assert 'href="/?category=kitchen">Kitchen</a>' in content


def test_product_page_has_an_add_to_cart_form_with_csrf_and_a_quantity(services):
    item = product_json(stock=50)
    services.stub("GET", "catalog", f"/products/{item['id']}", json=item)

    content = Client().get(f"/products/{item['id']}").content.decode()

    assert f'action="/products/{item["id"]}/add"' in content
    assert 'name="csrfmiddlewaretoken"' in content
    assert 'name="quantity" value="1"' in content
    assert 'data-testid="add-to-cart"' in content


def test_the_quantity_input_offers_no_more_than_the_stock(services):
    item = product_json(stock=3)
    services.stub("GET", "catalog", f"/products/{item['id']}", json=item)

    content = Client().get(f"/products/{item['id']}").content.decode()

    assert 'max="3"' in content


def test_an_out_of_stock_product_has_no_add_to_cart_button(services):
    item = product_json(stock=0)
    services.stub("GET", "catalog", f"/products/{item['id']}", json=item)

    content = Client().get(f"/products/{item['id']}").content.decode()

    assert 'data-testid="add-to-cart"' not in content
    assert 'data-testid="out-of-stock"' in content


def test_a_script_tag_in_the_product_name_and_description_is_escaped(services):
    item = product_json(
        name="<script>alert(1)</script>", description="<img src=x onerror=alert(2)>"
    )
    services.stub("GET", "catalog", f"/products/{item['id']}", json=item)

    content = Client().get(f"/products/{item['id']}").content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<script>alert(1)" not in content
    assert "&lt;img src=x onerror=alert(2)&gt;" in content
    assert "<img src=x" not in content


def test_an_unknown_product_is_a_404_page(services):
    product_id = uuid.uuid4()
    services.stub(
        "GET", "catalog", f"/products/{product_id}", status=404, json={"detail": "Not found."}
    )

    response = Client().get(f"/products/{product_id}", HTTP_ACCEPT="text/html")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "Product not found" in response.content.decode()


def test_a_malformed_product_id_is_a_404_without_asking_the_catalog(services):
    response = Client().get("/products/not-a-uuid", HTTP_ACCEPT="text/html")

    assert response.status_code == 404
    assert len(services.calls) == 0


def test_product_page_with_the_catalog_down_is_200_with_a_notice(services):
    product_id = uuid.uuid4()
    services.down("catalog", f"/products/{product_id}")

    response = Client().get(f"/products/{product_id}")

    assert response.status_code == 200
    assert unavailable_notice("catalog") in response.content.decode()
    assert 'data-testid="add-to-cart"' not in response.content.decode()
