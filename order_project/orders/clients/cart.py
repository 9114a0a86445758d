"""The cart service, called with the user's own token (it owns one cart per user)."""

import logging
import uuid
from dataclasses import dataclass

from rest_framework import status

from shop_common.errors import ServiceUnavailable
from shop_common.http_client import ServiceClient

logger = logging.getLogger(__name__)

cart_service = ServiceClient("cart")

# The order line's quantity column (PostgreSQL integer) holds at most this; a
# larger quantity is a broken answer, not something to price or save.
QUANTITY_MAX = 2_147_483_647


@dataclass(frozen=True)
class CartLine:
    product_id: uuid.UUID
    quantity: int


def cart_get(*, token: str) -> list[CartLine]:
    """Returns the user's cart lines in cart order, one per product.

    Raises ServiceUnavailable when the cart service is down or answers
    something other than a readable cart."""
    response = cart_service.get("/cart", user_token=token)
    if response.status_code != status.HTTP_200_OK:
        logger.warning("cart GET /cart answered %s", response.status_code)
        raise ServiceUnavailable("The cart service is unavailable.")
    body = cart_service.json_of(response)
    quantities: dict[uuid.UUID, int] = {}
    try:
        for item in body["items"]:
            product_id = uuid.UUID(str(item["product_id"]))
            quantity = item["quantity"]
            if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
                raise ValueError("quantity")
            quantities[product_id] = quantities.get(product_id, 0) + quantity
            if quantities[product_id] > QUANTITY_MAX:
                raise ValueError("quantity")
    except (KeyError, TypeError, ValueError) as exc:
        logger.warning("cart GET /cart answered an unreadable cart")
        raise ServiceUnavailable("The cart service answered badly.") from exc
    return [CartLine(product_id=pid, quantity=qty) for pid, qty in quantities.items()]


def cart_clear(*, token: str) -> None:
    """Empties the user's cart. Raises ServiceUnavailable when it could not."""
    response = cart_service.delete("/cart", user_token=token)
    if response.status_code not in (status.HTTP_200_OK, status.HTTP_204_NO_CONTENT):
        logger.warning("cart DELETE /cart answered %s", response.status_code)
        raise ServiceUnavailable("The cart service is unavailable.")
