"""The one page shape of every list: `{count, next, previous, results}`."""

from django.db.models import QuerySet
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


class ShopPagination(PageNumberPagination):
    """`?page=N&page_size=M`, M capped at 100; `{count, next, previous, results}`."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


def paginated_response(
    *,
    queryset: QuerySet,
    serializer_class: type[serializers.Serializer],
    request: Request,
    view: APIView,
) -> Response:
    """Returns one page of `queryset` serialized; an out-of-range page is 404."""
    paginator = ShopPagination()
    page = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(serializer_class(page, many=True).data)


def paginated_schema(serializer_class: type[serializers.Serializer]) -> serializers.Serializer:
    """The OpenAPI shape of a page of `serializer_class` (plain APIViews are
    not wrapped by drf-spectacular on their own)."""
    name = serializer_class.__name__.removesuffix("Serializer").removesuffix("Output")
    return inline_serializer(
        name=f"Paginated{name}List",
        fields={
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer_class(many=True),
        },
    )
