"""Reads of the catalog. Inactive products are visible only when the caller
says so (admins); everyone else gets 404 or an absent row."""

import uuid
from collections.abc import Mapping

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, QuerySet
from django.db.models.functions import JSONObject
from rest_framework.exceptions import NotFound, ValidationError

from products.filters import ProductFilter
from products.models import Category, Product, ProductImage


def _category_rows() -> ArraySubquery:
    return ArraySubquery(
        Category.objects.filter(products=OuterRef("pk"))
        .order_by("name", "id")
        .values(json=JSONObject(id="id", name="name", slug="slug"))
    )


def _image_rows() -> ArraySubquery:
    return ArraySubquery(
        ProductImage.objects.filter(product=OuterRef("pk"))
        .order_by("position", "id")
        .values(json=JSONObject(id="id", url="url", alt="alt", position="position"))
    )


def _products(*, include_inactive: bool) -> QuerySet[Product]:
    queryset = Product.objects.all()
    if not include_inactive:
        queryset = queryset.filter(is_active=True)
    return queryset


def product_rows_attach(*, products: list[Product]) -> list[Product]:
    """Sets `category_rows` and `image_rows` (JSON-ready lists) on each product
    with one query, and returns the products in their order.

    PostgreSQL builds the nested rows as JSON arrays, so no model objects are
    made for them; Django's prefetching took two queries and most of a list
    request's time. Done after paging: in the page query itself the arrays
    would be built for every row an OFFSET skips (docs/catalog.md)."""
    rows = {
        pk: (category_rows, image_rows)
        for pk, category_rows, image_rows in Product.objects.filter(
            pk__in=[product.pk for product in products]
        )
        .annotate(category_rows=_category_rows(), image_rows=_image_rows())
        .values_list("pk", "category_rows", "image_rows")
    }
    for product in products:
        product.category_rows, product.image_rows = rows.get(product.pk, ([], []))
    return products


def product_list(*, filters: Mapping[str, str], include_inactive: bool) -> QuerySet[Product]:
    """Returns the products matching `filters` (search, category, min_price,
    max_price, ids, ordering), newest first unless ordered otherwise; raises
    ValidationError (400) for a bad filter value."""
    filterset = ProductFilter(filters, queryset=_products(include_inactive=include_inactive))
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    queryset = filterset.qs
    # A unique tie-breaker keeps pages stable when many rows share a price or name.
    ordering = [*(queryset.query.order_by or ["-created_at"]), "id"]
    return queryset.order_by(*ordering)


def product_get(*, product_id: uuid.UUID, include_inactive: bool) -> Product:
    """Returns the product with its `category_rows` and `image_rows`; raises
    NotFound (404) when it does not exist or is inactive and
    `include_inactive` is false."""
    try:
        return (
            _products(include_inactive=include_inactive)
            .annotate(category_rows=_category_rows(), image_rows=_image_rows())
            .get(pk=product_id)
        )
    except Product.DoesNotExist as exc:
        raise NotFound() from exc


LOW_STOCK_LIMIT = 10


def product_low_stock_list(*, threshold: int, limit: int = LOW_STOCK_LIMIT) -> list[Product]:
    """Returns at most `limit` active products whose stock is at or below
    `threshold`, lowest stock first, then by name (id breaks ties), with only
    id, sku, name and stock loaded. One query whatever the catalog's size."""
    return list(
        Product.objects.filter(is_active=True, stock__lte=threshold)
        .order_by("stock", "name", "id")
        .only("id", "sku", "name", "stock")[:limit]
    )


def category_list() -> QuerySet[Category]:
    """Returns every category, by name."""
    return Category.objects.order_by("name", "id")


def category_get(*, category_id: uuid.UUID) -> Category:
    """Returns the category; raises NotFound (404) when it does not exist."""
    try:
        return Category.objects.get(pk=category_id)
    except Category.DoesNotExist as exc:
        raise NotFound() from exc
