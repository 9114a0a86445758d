"""Reads of the catalog service's public product data.

Called anonymously, as any shopper would: inactive products are invisible to
anonymous readers, so "not in the answer" means "not for sale".
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from shop_common.errors import ServiceUnavailable
from shop_common.http_client import ServiceClient
from shop_common.money import money_parse

catalog = ServiceClient("catalog")

# The catalog's largest page: one call prices up to this many products.
BATCH_SIZE = 100


@dataclass(frozen=True)
class CatalogProduct:
    id: str
    sku: str
    name: str
    price: Decimal
    currency: str
    stock: int
    is_active: bool


def _product_of(data: Any) -> CatalogProduct:
    try:
        # A price that is not NUMERIC(12,2) is a broken answer (ValueError).
        price = money_parse(data["price"])
        stock = data["stock"]
        product = CatalogProduct(
            id=str(uuid.UUID(str(data["id"]))),
            sku=str(data["sku"]),
            name=str(data["name"]),
            price=price,
            currency=str(data.get("currency", "")),
            stock=stock,
            is_active=data.get("is_active", True) is True,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ServiceUnavailable("The catalog service answered badly.") from exc
    if isinstance(stock, bool) or not isinstance(stock, int):
        raise ServiceUnavailable("The catalog service answered badly.")
    return product


def catalog_products_get(*, ids: Iterable[str]) -> dict[str, CatalogProduct]:
    """Returns the products for sale among `ids`, by id; ids the catalog does
    not answer for (unknown, deleted, inactive) are absent. One call per
    BATCH_SIZE ids. Raises ServiceUnavailable when the catalog cannot answer."""
    wanted = sorted(set(ids))
    products: dict[str, CatalogProduct] = {}
    for start in range(0, len(wanted), BATCH_SIZE):
        batch = wanted[start : start + BATCH_SIZE]
        asked = set(batch)
        response = catalog.get(
            "/products", params={"ids": ",".join(batch), "page_size": BATCH_SIZE}
        )
        if response.status_code != 200:
            raise ServiceUnavailable("The catalog service answered unexpectedly.")
        body = catalog.json_of(response)
        results = body.get("results") if isinstance(body, dict) else None
        if not isinstance(results, list):
            raise ServiceUnavailable("The catalog service answered badly.")
        for item in results:
            product = _product_of(item)
            # Only what was asked for: a catalog ignoring the filter adds nothing.
            if product.is_active and product.id in asked:
                products[product.id] = product
    return products
