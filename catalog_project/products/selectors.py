"""Reads of the catalog. Inactive products are visible only when the caller
says so (admins); everyone else gets 404 or an absent row."""

import uuid
from collections.abc import Mapping

from django.db.models import Prefetch, QuerySet
from rest_framework.exceptions import NotFound, ValidationError

from products.filters import ProductFilter
from products.models import Category, Product, ProductImage


def _products(*, include_inactive: bool) -> QuerySet[Product]:
    # Two prefetches whatever the number of rows: the list costs a constant
    # number of queries (count, page, categories, images).
    queryset = Product.objects.prefetch_related(
        Prefetch("categories", queryset=Category.objects.order_by("name")),
        Prefetch("images", queryset=ProductImage.objects.order_by("position", "id")),
    )
    if not include_inactive:
        queryset = queryset.filter(is_active=True)
    return queryset


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
    """Returns the product; raises NotFound (404) when it does not exist or is
    inactive and `include_inactive` is false."""
    try:
        return _products(include_inactive=include_inactive).get(pk=product_id)
    except Product.DoesNotExist as exc:
        raise NotFound() from exc


def category_list() -> QuerySet[Category]:
    """Returns every category, by name."""
    return Category.objects.order_by("name", "id")


def category_get(*, category_id: uuid.UUID) -> Category:
    """Returns the category; raises NotFound (404) when it does not exist."""
    try:
        return Category.objects.get(pk=category_id)
    except Category.DoesNotExist as exc:
        raise NotFound() from exc
