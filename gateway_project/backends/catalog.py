"""The catalog service: products and categories (public reads)."""

from backends.client import GatewayClient

_catalog = GatewayClient("catalog")


def catalog_products_list(*, params: dict) -> dict:
    """Returns a page `{count, next, previous, results}` of active products.
    `params` are the catalog's own filters (search, category, ordering, page,
    page_size...); refused 400 or 404 (a page past the end)."""
    return _catalog.body(_catalog.get("/products", params=params))


def catalog_product_get(*, product_id: str) -> dict:
    """Returns one product; refused 404 when unknown or inactive."""
    return _catalog.body(_catalog.get(f"/products/{product_id}"))


def catalog_categories_list() -> list[dict]:
    """Returns every category `{id, name, slug}` (the first 100)."""
    return _catalog.results(_catalog.get("/categories", params={"page_size": 100}))


def catalog_low_stock(*, token: str) -> dict:
    """Returns `{threshold, results: [{id, sku, name, stock}]}`: the active
    products whose stock is at or below `threshold` (the catalog's default),
    lowest first, at most 10 (staff only: `token` must be an admin's);
    refused 401 or 403."""
    return _catalog.body(_catalog.get("/products/low-stock", user_token=token))
