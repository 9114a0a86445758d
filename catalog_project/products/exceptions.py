"""The catalog's errors. Each renders in the shared error shape (shop_common.errors);
the message is what the API client sees, so it never carries internals."""

from shop_common.errors import Conflict


class CatalogConflict(Conflict):
    """409: a write would break a uniqueness rule of the catalog."""


class SkuTaken(CatalogConflict):
    """409 "A product with this SKU already exists."."""

    default_detail = "A product with this SKU already exists."
    default_code = "sku_taken"


class CategoryTaken(CatalogConflict):
    """409 "A category with this name or slug already exists."."""

    default_detail = "A category with this name or slug already exists."
    default_code = "category_taken"
