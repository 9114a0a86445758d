"""The product and category JSON shapes shared by several endpoints, and the
input fields whose checks more than one endpoint needs."""

from typing import Any

from django.core.validators import validate_unicode_slug
from rest_framework import serializers

from products import selectors
from products.models import PRICE_DECIMAL_PLACES, PRICE_MAX_DIGITS, Category, Product, ProductImage
from products.validators import image_url_validate
from shop_common.fields import StrictCharField

# PostgreSQL's INTEGER: larger numbers would fail in the database, not here.
INT_MAX = 2_147_483_647
IMAGES_MAX = 20
SLUG_MAX_LENGTH = Category._meta.get_field("slug").max_length


def _slug_validate(value: str) -> None:
    # A plain function, not a RegexValidator: drf-spectacular turns those into
    # a JSON Schema pattern, and `^[-\w]+$` there matches ASCII only.
    validate_unicode_slug(value)


class CategorySlugField(StrictCharField):
    """A category slug: letters of any script, digits, "-" and "_" (Django's
    unicode slug), documented as a string without a pattern, so a non-Latin
    slug in an answer agrees with the schema."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", SLUG_MAX_LENGTH)
        kwargs.setdefault("help_text", "Letters of any script, digits, '-' and '_'.")
        super().__init__(**kwargs)
        self.validators.append(_slug_validate)


class CategoryOutputSerializer(serializers.ModelSerializer):
    slug = CategorySlugField(read_only=True)

    class Meta:
        model = Category
        fields = ["id", "name", "slug"]


class ProductImageOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProductImage
        fields = ["id", "url", "alt", "position"]


class ProductListOutputSerializer(serializers.ListSerializer):
    """A page of products: their nested rows loaded in one query first."""

    def to_representation(self, data) -> list[dict[str, Any]]:
        products = selectors.product_rows_attach(products=list(data))
        return [self.child.to_representation(product) for product in products]


class ProductLowStockSerializer(serializers.ModelSerializer):
    """A row of the staff dashboard's low-stock list."""

    class Meta:
        model = Product
        fields = ["id", "sku", "name", "stock"]


class ProductLowStockOutputSerializer(serializers.Serializer):
    """`GET /products/low-stock`: the threshold used and the products at or below it."""

    threshold = serializers.IntegerField()
    results = ProductLowStockSerializer(many=True)


class ProductOutputSerializer(serializers.ModelSerializer):
    """DESIGN.md §5: the product as every client reads it. A single product
    needs the `category_rows` and `image_rows` of products.selectors.product_get;
    a list loads them itself (ProductListOutputSerializer).

    The declared fields are the documented shape (OpenAPI); `to_representation`
    builds the same dict directly, because DRF's field-by-field walk was half
    of a list request's time. A test holds the two to the same output."""

    categories = CategoryOutputSerializer(many=True, read_only=True, source="category_rows")
    images = ProductImageOutputSerializer(many=True, read_only=True, source="image_rows")

    class Meta:
        model = Product
        list_serializer_class = ProductListOutputSerializer
        fields = [
            "id",
            "sku",
            "name",
            "description",
            "price",
            "currency",
            "stock",
            "is_active",
            "attributes",
            "categories",
            "images",
            "created_at",
            "updated_at",
        ]

    def to_representation(self, product: Product) -> dict[str, Any]:
        """Returns the product's JSON-ready dict (the declared shape)."""
        return {
            "id": str(product.id),
            "sku": product.sku,
            "name": product.name,
            "description": product.description,
            "price": f"{product.price:.{PRICE_DECIMAL_PLACES}f}",
            "currency": product.currency,
            "stock": product.stock,
            "is_active": product.is_active,
            "attributes": product.attributes,
            "categories": product.category_rows,
            "images": product.image_rows,
            "created_at": _datetime.to_representation(product.created_at),
            "updated_at": _datetime.to_representation(product.updated_at),
        }


_datetime = serializers.DateTimeField()


def price_field(**kwargs: Any) -> serializers.DecimalField:
    """A price: >= 0, at most two decimals and 9999999999.99, as the column."""
    return serializers.DecimalField(
        max_digits=PRICE_MAX_DIGITS, decimal_places=PRICE_DECIMAL_PLACES, min_value=0, **kwargs
    )


class ProductImageInputSerializer(serializers.Serializer):
    url = StrictCharField(max_length=500, validators=[image_url_validate])
    alt = StrictCharField(max_length=200, required=False, allow_blank=True)
    position = serializers.IntegerField(min_value=0, max_value=INT_MAX, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # In a partial update (PATCH) DRF skips missing required fields at
        # every depth, but `images` replaces the whole list: each image still
        # needs its url (a missing one was a KeyError, a 500).
        if "url" not in attrs:
            raise serializers.ValidationError(
                {"url": [self.fields["url"].error_messages["required"]]}, code="required"
            )
        return attrs


def images_field(**kwargs: Any) -> ProductImageInputSerializer:
    return ProductImageInputSerializer(many=True, max_length=IMAGES_MAX, **kwargs)
