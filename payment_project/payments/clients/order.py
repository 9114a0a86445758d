"""Calls to the order service. Every call has a timeout and turns an
unreachable or broken service into `ServiceUnavailable` (503)."""

import logging
import re
import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import requests
from django.conf import settings
from rest_framework.exceptions import AuthenticationFailed

from shop_common.errors import ServiceUnavailable
from shop_common.http_client import ServiceClient
from shop_common.money import money_parse
from shop_common.webhooks import webhook_headers

logger = logging.getLogger(__name__)

order_service = ServiceClient("order")

_CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Order:
    """What a payment needs to know about an order."""

    id: uuid.UUID
    status: str
    total: Decimal
    currency: str
    user_id: str | None


def _order_parse(data: object) -> Order:
    try:
        # Money is NUMERIC(12,2) (DESIGN.md §3): any other total cannot be
        # stored, so it means the order service answered badly (ValueError).
        total = money_parse(data["total"])
        currency = str(data.get("currency") or settings.SHOP_CURRENCY)
        order = Order(
            id=uuid.UUID(str(data["id"])),
            status=str(data["status"]),
            total=total,
            currency=currency,
            user_id=str(data["user_id"]) if data.get("user_id") else None,
        )
    except (KeyError, TypeError, ValueError, AttributeError, InvalidOperation) as exc:
        raise ServiceUnavailable("The order service answered badly.") from exc
    if not _CURRENCY.match(currency):
        raise ServiceUnavailable("The order service answered badly.")
    return order


def order_get(*, order_id: uuid.UUID, token: str) -> Order | None:
    """Returns the order as its owner (or an admin) sees it with `token`, or
    None when the order service does not show it to that user."""
    response = order_service.get(f"/order/{order_id}", user_token=token)
    if response.status_code in (403, 404):
        return None
    if response.status_code == 401:
        raise AuthenticationFailed("The order service refused your token; sign in again.")
    if response.status_code != 200:
        logger.warning("order service answered %s for order %s", response.status_code, order_id)
        raise ServiceUnavailable("The order service answered badly.")
    return _order_parse(order_service.json_of(response))


def order_payment_notify(*, order_id: uuid.UUID, body: bytes) -> requests.Response:
    """Sends a signed payment callback; returns the order service's answer
    below 500 and raises `ServiceUnavailable` when it cannot answer."""
    path = f"/internal/orders/{order_id}/payment"
    # Signed for this method and path, so the signature fits this order only.
    headers = {
        "Content-Type": "application/json",
        **webhook_headers(method="POST", path=path, body=body),
    }
    return order_service.post(path, data=body, headers=headers)
