import uuid

import pytest

from products.tests.factories import CategoryFactory, ProductFactory, ProductImageFactory

pytestmark = pytest.mark.django_db


def test_anyone_reads_an_active_product(anonymous_client, django_assert_num_queries):
    product = ProductFactory(categories=[CategoryFactory()])
    ProductImageFactory(product=product)

    with django_assert_num_queries(1):
        response = anonymous_client.get(f"/products/{product.id}")

    assert response.status_code == 200
    assert response.json()["id"] == str(product.id)
    assert len(response.json()["categories"]) == 1
    assert len(response.json()["images"]) == 1


def test_an_unknown_product_is_404(anonymous_client):
    response = anonymous_client.get(f"/products/{uuid.uuid4()}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_malformed_product_id_is_a_json_404(anonymous_client):
    response = anonymous_client.get("/products/not-a-uuid")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("caller", ["anonymous_client", "customer_client"])
def test_an_inactive_product_is_404_for_anyone_but_admins(request, caller):
    product = ProductFactory(is_active=False)

    response = request.getfixturevalue(caller).get(f"/products/{product.id}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_an_inactive_product_is_visible_to_admins(admin_client):
    product = ProductFactory(is_active=False)

    response = admin_client.get(f"/products/{product.id}")

    assert response.status_code == 200
    assert response.json()["is_active"] is False


def test_put_is_not_an_allowed_method(admin_client):
    product = ProductFactory()

    response = admin_client.put(f"/products/{product.id}", {"name": "x"}, format="json")

    assert response.status_code == 405
