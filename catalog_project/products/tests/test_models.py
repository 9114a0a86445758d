"""The database itself refuses bad rows, whatever writes them."""

from decimal import Decimal

import pytest
from django.db import IntegrityError

from products.models import Category, Product
from products.tests.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db


def _update_fails(**fields) -> None:
    product = ProductFactory()
    with pytest.raises(IntegrityError):
        Product.objects.filter(pk=product.pk).update(**fields)


def test_the_database_refuses_a_negative_price():
    _update_fails(price=Decimal("-0.01"))


def test_the_database_refuses_a_negative_stock():
    _update_fails(stock=-1)


def test_the_database_refuses_a_currency_that_is_not_an_iso_code():
    _update_fails(currency="kz1")


def test_the_database_refuses_attributes_that_are_not_an_object():
    _update_fails(attributes=["a"])


def test_the_database_refuses_a_duplicate_sku():
    ProductFactory(sku="SAME")
    with pytest.raises(IntegrityError):
        ProductFactory(sku="SAME")


def test_the_database_refuses_a_category_name_differing_only_in_case():
    CategoryFactory(name="Books", slug="books")
    with pytest.raises(IntegrityError):
        Category.objects.create(name="BOOKS", slug="books-2")


def test_a_new_product_takes_the_shop_currency(settings):
    settings.SHOP_CURRENCY = "EUR"

    assert ProductFactory().currency == "EUR"


def test_bulk_created_products_keep_the_whole_currency_code():
    Product.objects.bulk_create(
        [Product(sku=f"BULK-{n}", name="Bulk", price=Decimal("1.00")) for n in range(3)]
    )

    assert set(Product.objects.values_list("currency", flat=True)) == {"KZT"}
