"""Product and category endpoints (DESIGN.md §5, Catalog).

The contract puts several operations on one path (`GET`/`POST /products`), so
each class here is one path and each method one operation, with that
operation's own nested serializers. Reads are public; writes need the admin
role (401 without a valid token, 403 with another role).
"""

import uuid

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from products import selectors, services
from products.serializers import (
    INT_MAX,
    CategoryOutputSerializer,
    CategorySlugField,
    ProductLowStockOutputSerializer,
    ProductOutputSerializer,
    images_field,
    price_field,
)
from products.validators import attributes_validate
from shop_common.fields import StrictCharField, StrictUUIDField
from shop_common.pagination import paginated_response, paginated_schema
from shop_common.permissions import IsAdminRole, IsAdminRoleOrReadOnly

ERROR = OpenApiResponse(description='`{"detail": "..."}`')
VALIDATION_ERROR = OpenApiResponse(description="Validation errors keyed by field.")
INVALID_PAGE = OpenApiResponse(
    description='`{"detail": "Invalid page."}`: a page that is not a number from 1 to the last.'
)

LOW_STOCK_THRESHOLD_DEFAULT = 5
LOW_STOCK_THRESHOLD_MAX = 1000

PRODUCT_LIST_PARAMETERS = [
    OpenApiParameter("search", str, description="Text in the name, SKU or description."),
    OpenApiParameter("category", str, description="A category slug."),
    OpenApiParameter("min_price", str, description='A decimal such as "10.00".'),
    OpenApiParameter("max_price", str, description='A decimal such as "99.90".'),
    OpenApiParameter("ids", str, description="Comma-separated product UUIDs (at most 100)."),
    OpenApiParameter(
        "ordering",
        str,
        enum=["price", "-price", "name", "-name", "created_at", "-created_at", "sku", "-sku"],
    ),
    OpenApiParameter("page", int),
    OpenApiParameter("page_size", int, description="At most 100."),
]


def _sees_inactive(request: Request, view: APIView) -> bool:
    return IsAdminRole().has_permission(request, view)


class ProductWriteInputSerializer(serializers.Serializer):
    sku = StrictCharField(max_length=64)
    name = StrictCharField(max_length=200)
    description = StrictCharField(max_length=10_000, required=False, allow_blank=True)
    price = price_field()
    stock = serializers.IntegerField(min_value=0, max_value=INT_MAX, required=False)
    is_active = serializers.BooleanField(required=False)
    attributes = serializers.JSONField(required=False, validators=[attributes_validate])
    category_ids = serializers.ListField(child=StrictUUIDField(), required=False, max_length=50)
    images = images_field(required=False)


class ProductsApi(APIView):
    """`GET /products` lists, `POST /products` creates."""

    permission_classes = [IsAdminRoleOrReadOnly]

    class ProductCreateInputSerializer(ProductWriteInputSerializer):
        pass

    @extend_schema(
        operation_id="products_list",
        parameters=PRODUCT_LIST_PARAMETERS,
        responses={
            200: paginated_schema(ProductOutputSerializer),
            400: VALIDATION_ERROR,
            404: INVALID_PAGE,
        },
    )
    def get(self, request: Request) -> Response:
        products = selectors.product_list(
            filters=request.query_params, include_inactive=_sees_inactive(request, self)
        )
        return paginated_response(
            queryset=products,
            serializer_class=ProductOutputSerializer,
            request=request,
            view=self,
        )

    @extend_schema(
        operation_id="products_create",
        request=ProductCreateInputSerializer,
        responses={
            201: ProductOutputSerializer,
            400: VALIDATION_ERROR,
            401: ERROR,
            403: ERROR,
            409: ERROR,
        },
    )
    def post(self, request: Request) -> Response:
        serializer = self.ProductCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        product = services.product_create(**serializer.validated_data)
        product = selectors.product_get(product_id=product.id, include_inactive=True)
        return Response(ProductOutputSerializer(product).data, status=status.HTTP_201_CREATED)


class ProductApi(APIView):
    """`GET`, `PATCH` and `DELETE /products/{id}`."""

    permission_classes = [IsAdminRoleOrReadOnly]

    class ProductUpdateInputSerializer(ProductWriteInputSerializer):
        pass

    @extend_schema(
        operation_id="products_retrieve",
        responses={200: ProductOutputSerializer, 404: ERROR},
    )
    def get(self, request: Request, product_id: uuid.UUID) -> Response:
        product = selectors.product_get(
            product_id=product_id, include_inactive=_sees_inactive(request, self)
        )
        return Response(ProductOutputSerializer(product).data)

    @extend_schema(
        operation_id="products_partial_update",
        request=ProductUpdateInputSerializer(partial=True),
        responses={
            200: ProductOutputSerializer,
            400: VALIDATION_ERROR,
            401: ERROR,
            403: ERROR,
            404: ERROR,
            409: ERROR,
        },
    )
    def patch(self, request: Request, product_id: uuid.UUID) -> Response:
        serializer = self.ProductUpdateInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.product_update(product_id=product_id, data=serializer.validated_data)
        product = selectors.product_get(product_id=product_id, include_inactive=True)
        return Response(ProductOutputSerializer(product).data)

    @extend_schema(
        operation_id="products_destroy",
        responses={204: None, 401: ERROR, 403: ERROR, 404: ERROR},
    )
    def delete(self, request: Request, product_id: uuid.UUID) -> Response:
        services.product_delete(product_id=product_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProductLowStockApi(APIView):
    """`GET /products/low-stock` (admin role): the staff dashboard's low-stock list."""

    permission_classes = [IsAdminRole]

    class ProductLowStockFilterSerializer(serializers.Serializer):
        threshold = serializers.IntegerField(
            min_value=0, max_value=LOW_STOCK_THRESHOLD_MAX, default=LOW_STOCK_THRESHOLD_DEFAULT
        )

    @extend_schema(
        operation_id="products_low_stock",
        parameters=[
            OpenApiParameter(
                "threshold",
                int,
                description=(
                    f"Products with stock at or below this (0..{LOW_STOCK_THRESHOLD_MAX}, "
                    f"default {LOW_STOCK_THRESHOLD_DEFAULT})."
                ),
            )
        ],
        responses={
            200: ProductLowStockOutputSerializer,
            400: VALIDATION_ERROR,
            401: ERROR,
            403: ERROR,
        },
    )
    def get(self, request: Request) -> Response:
        """Returns `{threshold, results: [{id, sku, name, stock}]}`: at most 10
        active products with stock <= threshold, lowest stock first, then by name."""
        filters = self.ProductLowStockFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        threshold = filters.validated_data["threshold"]
        products = selectors.product_low_stock_list(threshold=threshold)
        return Response(
            ProductLowStockOutputSerializer({"threshold": threshold, "results": products}).data
        )


class CategoryWriteInputSerializer(serializers.Serializer):
    name = StrictCharField(max_length=100)
    slug = CategorySlugField(required=False)

    def validate_slug(self, value: str) -> str:
        # Slugs are URL parts; one spelling per category.
        return value.lower()


class CategoriesApi(APIView):
    """`GET /categories` lists, `POST /categories` creates."""

    permission_classes = [IsAdminRoleOrReadOnly]

    class CategoryCreateInputSerializer(CategoryWriteInputSerializer):
        pass

    @extend_schema(
        operation_id="categories_list",
        parameters=[OpenApiParameter("page", int), OpenApiParameter("page_size", int)],
        responses={200: paginated_schema(CategoryOutputSerializer), 404: INVALID_PAGE},
    )
    def get(self, request: Request) -> Response:
        return paginated_response(
            queryset=selectors.category_list(),
            serializer_class=CategoryOutputSerializer,
            request=request,
            view=self,
        )

    @extend_schema(
        operation_id="categories_create",
        request=CategoryCreateInputSerializer,
        responses={
            201: CategoryOutputSerializer,
            400: VALIDATION_ERROR,
            401: ERROR,
            403: ERROR,
            409: ERROR,
        },
    )
    def post(self, request: Request) -> Response:
        serializer = self.CategoryCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        category = services.category_create(**serializer.validated_data)
        return Response(CategoryOutputSerializer(category).data, status=status.HTTP_201_CREATED)


class CategoryApi(APIView):
    """`GET`, `PATCH` and `DELETE /categories/{id}`."""

    permission_classes = [IsAdminRoleOrReadOnly]

    class CategoryUpdateInputSerializer(CategoryWriteInputSerializer):
        pass

    @extend_schema(
        operation_id="categories_retrieve",
        responses={200: CategoryOutputSerializer, 404: ERROR},
    )
    def get(self, request: Request, category_id: uuid.UUID) -> Response:
        category = selectors.category_get(category_id=category_id)
        return Response(CategoryOutputSerializer(category).data)

    @extend_schema(
        operation_id="categories_partial_update",
        request=CategoryUpdateInputSerializer(partial=True),
        responses={
            200: CategoryOutputSerializer,
            400: VALIDATION_ERROR,
            401: ERROR,
            403: ERROR,
            404: ERROR,
            409: ERROR,
        },
    )
    def patch(self, request: Request, category_id: uuid.UUID) -> Response:
        serializer = self.CategoryUpdateInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        category = services.category_update(category_id=category_id, data=serializer.validated_data)
        return Response(CategoryOutputSerializer(category).data)

    @extend_schema(
        operation_id="categories_destroy",
        responses={204: None, 401: ERROR, 403: ERROR, 404: ERROR},
    )
    def delete(self, request: Request, category_id: uuid.UUID) -> Response:
        services.category_delete(category_id=category_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
