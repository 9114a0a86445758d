"""The catalog service: public product reads (anonymous, so inactive products
are invisible) and stock reservations (service credential), keyed by order id."""

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rest_framework import status

from orders.exceptions import StockUnavailable
from shop_common.errors import ServiceUnavailable
from shop_common.http_client import ServiceClient
from shop_common.money import money_parse

logger = logging.getLogger(__name__)

catalog_service = ServiceClient("catalog")

# The catalog's largest page: one request covers this many ids.
IDS_PER_REQUEST = 100


@dataclass(frozen=True)
class CatalogProduct:
    id: uuid.UUID
    sku: str
    name: str
    price: Decimal
    stock: int
    is_active: bool


def _product_parse(raw: dict) -> CatalogProduct:
    # The catalog's price column is NUMERIC(12,2) like ours: anything else is a
    # broken answer, and a price like 1E+30 would make the cent rounding raise.
    price = money_parse(raw["price"])
    stock = raw.get("stock", 0)
    if isinstance(stock, bool) or not isinstance(stock, int):
        raise ValueError("stock")
    return CatalogProduct(
        id=uuid.UUID(str(raw["id"])),
        sku=str(raw["sku"]),
        name=str(raw["name"]),
        price=price,
        stock=stock,
        is_active=bool(raw.get("is_active", True)),
    )


def catalog_products_get(*, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, CatalogProduct]:
    """Returns the active products among `ids`, by id; unknown and inactive
    ones are simply absent. One request per hundred ids, never one per product."""
    wanted = list(dict.fromkeys(ids))
    products: dict[uuid.UUID, CatalogProduct] = {}
    for start in range(0, len(wanted), IDS_PER_REQUEST):
        chunk = wanted[start : start + IDS_PER_REQUEST]
        response = catalog_service.get(
            "/products",
            params={"ids": ",".join(str(i) for i in chunk), "page_size": IDS_PER_REQUEST},
        )
        if response.status_code != status.HTTP_200_OK:
            logger.warning("catalog GET /products answered %s", response.status_code)
            raise ServiceUnavailable("The catalog service is unavailable.")
        body = catalog_service.json_of(response)
        try:
            for raw in body["results"]:
                product = _product_parse(raw)
                if product.id in chunk:
                    products[product.id] = product
        except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
            logger.warning("catalog GET /products answered an unreadable page")
            raise ServiceUnavailable("The catalog service answered badly.") from exc
    return products


def catalog_reservation_create(
    *, order_id: uuid.UUID, items: Iterable[tuple[uuid.UUID, int]]
) -> None:
    """Reserves stock for every `(product_id, quantity)` of the order, all or
    nothing. Idempotent per order id on the catalog's side.

    Raises StockUnavailable (409, nothing reserved) with the catalog's list of
    unavailable products, ServiceUnavailable when the catalog cannot answer."""
    payload = {
        "order_id": str(order_id),
        "items": [{"product_id": str(pid), "quantity": qty} for pid, qty in items],
    }
    response = catalog_service.post("/internal/reservations", json=payload, as_service=True)
    if response.status_code in (status.HTTP_200_OK, status.HTTP_201_CREATED):
        return
    if response.status_code == status.HTTP_409_CONFLICT:
        try:
            unavailable = [str(uuid.UUID(str(i))) for i in response.json()["unavailable"]]
        except (ValueError, KeyError, TypeError):
            unavailable = []
        raise StockUnavailable(unavailable=unavailable)
    logger.warning("catalog POST /internal/reservations answered %s", response.status_code)
    raise ServiceUnavailable("The catalog service is unavailable.")


def catalog_reservation_release(*, order_id: uuid.UUID) -> bool:
    """Puts the order's reserved stock back. Returns True when released (now or
    before), False when the catalog holds no reservation for the order.

    Raises ServiceUnavailable when the catalog cannot answer."""
    response = catalog_service.post(f"/internal/reservations/{order_id}/release", as_service=True)
    if response.status_code == status.HTTP_200_OK:
        return True
    if response.status_code == status.HTTP_404_NOT_FOUND:
        return False
    logger.warning(
        "catalog POST /internal/reservations/%s/release answered %s",
        order_id,
        response.status_code,
    )
    raise ServiceUnavailable("The catalog service is unavailable.")
