import pytest
from rest_framework import serializers

from products import selectors
from products.serializers import ProductOutputSerializer
from products.tests.factories import CategoryFactory, ProductFactory, ProductImageFactory

pytestmark = pytest.mark.django_db


def _product_with_rows():
    product = ProductFactory(
        price="1234.50", attributes={"colour": "red"}, categories=CategoryFactory.create_batch(2)
    )
    ProductImageFactory.create_batch(2, product=product)
    return selectors.product_get(product_id=product.id, include_inactive=True)


def test_the_fast_representation_equals_drfs_field_by_field_one():
    product = _product_with_rows()
    serializer = ProductOutputSerializer()

    fast = serializer.to_representation(product)
    generic = serializers.ModelSerializer.to_representation(serializer, product)

    assert fast == generic


def test_a_page_gets_its_nested_rows_in_product_order_with_one_query(django_assert_num_queries):
    first, second = _product_with_rows(), _product_with_rows()
    page = list(
        selectors.product_list(filters={"ids": f"{second.id},{first.id}"}, include_inactive=True)
    )

    with django_assert_num_queries(1):
        data = ProductOutputSerializer(page, many=True).data

    assert [item["id"] for item in data] == [str(second.id), str(first.id)]
    assert [len(item["images"]) for item in data] == [2, 2]
    assert data[0]["categories"] == [
        {"id": str(c.id), "name": c.name, "slug": c.slug}
        for c in sorted(second.categories.all(), key=lambda c: (c.name, c.id))
    ]
