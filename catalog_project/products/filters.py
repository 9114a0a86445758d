"""Query filters of the product list (DESIGN.md §5): validated by django-filter,
so a bad value is a 400 keyed by the parameter, never a database error."""

import django_filters
from django.db.models import Q, QuerySet
from django.forms import ValidationError
from django_filters.fields import BaseCSVField

from products.models import PRICE_DECIMAL_PLACES, PRICE_MAX_DIGITS, Product

# Enough for a cart or an order in one page (page_size is capped at 100 too).
IDS_MAX = 100


class BoundedCSVField(BaseCSVField):
    def clean(self, value):
        if value and len(value) > IDS_MAX:
            raise ValidationError(f"At most {IDS_MAX} ids.", code="max_length")
        return super().clean(value)


class UUIDInFilter(django_filters.BaseInFilter, django_filters.UUIDFilter):
    """`?ids=<uuid>,<uuid>`: every item must be a UUID, at most IDS_MAX of them."""

    base_field_class = BoundedCSVField


def _price_filter(lookup_expr: str) -> django_filters.NumberFilter:
    # Bounded like the column, so an absurd number is a 400 rather than a
    # PostgreSQL numeric overflow.
    return django_filters.NumberFilter(
        field_name="price",
        lookup_expr=lookup_expr,
        min_value=0,
        max_digits=PRICE_MAX_DIGITS,
        decimal_places=PRICE_DECIMAL_PLACES,
    )


class ProductFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="search_filter", max_length=200)
    category = django_filters.CharFilter(field_name="categories__slug", max_length=100)
    min_price = _price_filter("gte")
    max_price = _price_filter("lte")
    ids = UUIDInFilter(field_name="id")
    ordering = django_filters.OrderingFilter(fields=("price", "name", "created_at", "sku"))

    class Meta:
        model = Product
        fields = []

    def search_filter(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # icontains escapes %, _ and backslashes, so the text is matched literally.
        return queryset.filter(
            Q(name__icontains=value) | Q(sku__icontains=value) | Q(description__icontains=value)
        )
