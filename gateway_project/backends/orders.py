"""The order service: orders and the address book."""

from backends.client import GatewayClient

# A postal address as the order service takes and returns it (typed at
# checkout or saved in the book): its fields, and the service's limit on each
# (400 beyond it), which the gateway's forms apply before sending it.
ADDRESS_MAX_LENGTHS = {
    "name": 200,
    "line1": 200,
    "line2": 200,
    "city": 100,
    "postal_code": 20,
    "country": 2,
    "phone": 24,
}
ADDRESS_FIELDS = tuple(ADDRESS_MAX_LENGTHS)

_order = GatewayClient("order")


def order_create(
    *,
    token: str,
    shipping_address: dict | None = None,
    address_id: str | None = None,
    idempotency_key: str | None = None,
) -> dict:
    """Creates the order from the cart, shipped to a typed address or a saved
    one; returns it. Refused 400 (empty cart, bad address), 404 (unknown
    address) or 409 (stock, too many unpaid orders)."""
    payload = {"address_id": address_id} if address_id else {"shipping_address": shipping_address}
    headers = {"Idempotency-Key": idempotency_key} if idempotency_key else None
    response = _order.post("/order/create", user_token=token, json=payload, headers=headers)
    return _order.body(response, ok=(201,))


def order_get(*, token: str, order_id: str) -> dict:
    """Returns the order with its lines and events; refused 404."""
    return _order.body(_order.get(f"/order/{order_id}", user_token=token))


def order_list(*, token: str, page: int = 1, page_size: int = 20) -> dict:
    """Returns a page of the shopper's orders, newest first."""
    params = {"page": page, "page_size": page_size}
    return _order.body(_order.get("/orders", user_token=token, params=params))


def order_cancel(*, token: str, order_id: str) -> dict:
    """Cancels an unpaid order and returns it; refused 409 from another status."""
    return _order.body(_order.post(f"/order/{order_id}/cancel", user_token=token))


def addresses_list(*, token: str) -> list[dict]:
    """Returns the shopper's saved addresses (at most 20: one page)."""
    response = _order.get("/addresses", user_token=token, params={"page_size": 100})
    return _order.results(response)


def address_create(*, token: str, address: dict) -> dict:
    """Saves an address; refused 400 (bad fields) or 409 (the book is full)."""
    return _order.body(_order.post("/addresses", user_token=token, json=address), ok=(201,))


def address_update(*, token: str, address_id: str, changes: dict) -> dict:
    """Changes a saved address (`is_default: true` makes it the default)."""
    response = _order.request("PATCH", f"/addresses/{address_id}", user_token=token, json=changes)
    return _order.body(response)


def address_delete(*, token: str, address_id: str) -> None:
    """Deletes a saved address; refused 404."""
    _order.body(_order.delete(f"/addresses/{address_id}", user_token=token), ok=(204,))


def orders_summary(*, token: str) -> dict:
    """Returns the staff dashboard's order figures: `{by_status: {status:
    count}, revenue_last_7_days: [{date, total}] (oldest first), currency,
    top_products: [{product_id, sku, name, quantity}] (up to 5)}` (staff
    only: `token` must be an admin's); refused 401 or 403."""
    return _order.body(_order.get("/orders/summary", user_token=token))
