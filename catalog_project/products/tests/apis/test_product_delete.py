import uuid

import pytest

from products.models import Category, Product, ProductImage
from products.tests.factories import CategoryFactory, ProductFactory, ProductImageFactory

pytestmark = pytest.mark.django_db


def test_an_admin_deletes_a_product_and_it_is_gone(admin_client, anonymous_client):
    category = CategoryFactory()
    product = ProductFactory(categories=[category])
    ProductImageFactory(product=product)

    response = admin_client.delete(f"/products/{product.id}")

    assert response.status_code == 204
    assert anonymous_client.get(f"/products/{product.id}").status_code == 404
    assert admin_client.get(f"/products/{product.id}").status_code == 404
    assert not ProductImage.objects.exists()
    assert Category.objects.filter(pk=category.pk).exists()


def test_customers_cannot_delete_products(customer_client):
    product = ProductFactory()

    assert customer_client.delete(f"/products/{product.id}").status_code == 403
    assert Product.objects.filter(pk=product.pk).exists()


def test_anonymous_callers_cannot_delete_products(anonymous_client):
    product = ProductFactory()

    assert anonymous_client.delete(f"/products/{product.id}").status_code == 401
    assert Product.objects.filter(pk=product.pk).exists()


def test_deleting_an_unknown_product_is_404(admin_client):
    assert admin_client.delete(f"/products/{uuid.uuid4()}").status_code == 404
