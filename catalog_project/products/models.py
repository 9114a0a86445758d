"""Products, categories and product images. Rules that must hold whatever
writes the row (API, admin, a shell) are database constraints here."""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Func
from django.db.models.functions import Lower
from django.db.models.lookups import Exact

# NUMERIC(12,2): up to 9999999999.99.
PRICE_MAX_DIGITS = 12
PRICE_DECIMAL_PLACES = 2


def currency_default() -> str:
    """The shop's one currency, read when a product is created."""
    return settings.SHOP_CURRENCY


class CurrencyField(models.CharField):
    """An ISO 4217 code stored as CHAR(3), as in the original database design."""

    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 3
        super().__init__(*args, **kwargs)

    def db_type(self, connection) -> str:
        return "char(3)"

    def get_placeholder(self, value, compiler, connection) -> str:
        # Having this method keeps Django 5.2's bulk_create off its UNNEST path,
        # which casts to char[] (that is char(1)[]) and would cut "KZT" to "K".
        return "%s"


class Category(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True, allow_unicode=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"
        constraints = [
            # "Books" and "books" are the same category to a shopper.
            models.UniqueConstraint(
                Lower("name"),
                name="category_name_ci_unique",
                violation_error_message="A category with this name already exists.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    sku = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    price = models.DecimalField(
        max_digits=PRICE_MAX_DIGITS,
        decimal_places=PRICE_DECIMAL_PLACES,
        validators=[MinValueValidator(0)],
    )
    currency = CurrencyField(default=currency_default)
    stock = models.IntegerField(default=0, validators=[MinValueValidator(0)])
    is_active = models.BooleanField(default=True, db_index=True)
    attributes = models.JSONField(default=dict, blank=True)
    categories = models.ManyToManyField(Category, related_name="products", blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gte=0), name="product_price_gte_0"),
            models.CheckConstraint(condition=models.Q(stock__gte=0), name="product_stock_gte_0"),
            models.CheckConstraint(
                condition=models.Q(currency__regex=r"^[A-Z]{3}$"),
                name="product_currency_iso_code",
            ),
            # Clients read `attributes` as an object; a list or a number would break them.
            models.CheckConstraint(
                condition=Exact(
                    Func("attributes", function="jsonb_typeof", output_field=models.CharField()),
                    "object",
                ),
                name="product_attributes_is_object",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sku} {self.name}"


def _product_category_str(link) -> str:
    return str(link.category)


# The admin labels each row of a product's category inline (and its change
# log) with this; Django's default for the generated link model is
# "Product_categories object (<id>)".
Product.categories.through.__str__ = _product_category_str


class ProductImage(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    url = models.CharField(max_length=500)
    alt = models.CharField(max_length=200, blank=True, default="")
    position = models.IntegerField(default=0, validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(position__gte=0), name="product_image_position_gte_0"
            ),
        ]

    def __str__(self) -> str:
        return self.url
