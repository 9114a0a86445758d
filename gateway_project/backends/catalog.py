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
