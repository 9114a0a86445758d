import pytest
from django.core.management import CommandError, call_command

from products.models import Product, ProductImage
from products.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_bench_load_creates_products_with_two_categories_and_three_images_each():
    call_command("bench_load", products=30)

    assert Product.objects.count() == 30
    assert ProductImage.objects.count() == 90
    assert all(p.categories.count() == 2 for p in Product.objects.all())


def test_bench_load_refuses_a_catalog_that_has_products():
    ProductFactory()

    with pytest.raises(CommandError):
        call_command("bench_load", products=10)

    assert Product.objects.count() == 1
