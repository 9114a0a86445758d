"""The cart service: the shopper's cart, priced by the catalog."""

from backends.client import GatewayClient

_cart = GatewayClient("cart")


def cart_get(*, token: str) -> dict:
    """Returns `{items, total_quantity, total}`."""
    return _cart.body(_cart.get("/cart", user_token=token))


def cart_item_add(*, token: str, product_id: str, quantity: int) -> dict:
    """Adds to a line and returns the cart; refused 400, 404 or 409 (stock)."""
    response = _cart.post(
        "/cart/add", user_token=token, json={"product_id": product_id, "quantity": quantity}
    )
    return _cart.body(response)


def cart_item_remove(*, token: str, product_id: str, quantity: int | None = None) -> dict:
    """Takes `quantity` off a line (the whole line without it); returns the cart."""
    payload: dict = {"product_id": product_id}
    if quantity is not None:
        payload["quantity"] = quantity
    return _cart.body(_cart.post("/cart/remove", user_token=token, json=payload))


def cart_item_quantity_set(*, token: str, product_id: str, quantity: int, current: int) -> dict:
    """Sets a line to `quantity` (0 removes it) from its `current` quantity,
    with the cart's own add and remove; returns the cart."""
    if quantity <= 0:
        return cart_item_remove(token=token, product_id=product_id)
    if quantity > current:
        return cart_item_add(token=token, product_id=product_id, quantity=quantity - current)
    if quantity < current:
        return cart_item_remove(token=token, product_id=product_id, quantity=current - quantity)
    return cart_get(token=token)
