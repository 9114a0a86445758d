import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from products.models import Category, Product, ProductImage

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_about_fifty_products_in_several_categories_with_images():
    call_command("seed_demo")

    assert Category.objects.count() == 6
    assert 45 <= Product.objects.count() <= 60
    assert not Product.objects.filter(images__isnull=True).exists()
    assert not Product.objects.filter(categories__isnull=True).exists()
    assert Product.objects.filter(stock__gt=0, is_active=True).count() >= 40


def test_seed_demo_twice_changes_nothing_the_second_time():
    call_command("seed_demo")
    Product.objects.filter(sku="DEMO-0001").update(stock=1)
    counts = (Category.objects.count(), Product.objects.count(), ProductImage.objects.count())

    call_command("seed_demo")

    assert (
        Category.objects.count(),
        Product.objects.count(),
        ProductImage.objects.count(),
    ) == counts
    assert Product.objects.get(sku="DEMO-0001").stock == 1


def test_every_demo_image_is_a_static_file_the_catalog_ships(settings):
    call_command("seed_demo")

    for url in set(ProductImage.objects.values_list("url", flat=True)):
        assert url.startswith(settings.STATIC_URL)
        assert finders.find(url.removeprefix(settings.STATIC_URL)), url


def test_seed_demo_reuses_a_category_staff_already_made():
    Category.objects.create(name="books", slug="our-books")

    call_command("seed_demo")

    assert Category.objects.filter(name__iexact="books").count() == 1
