"""Changes to carts.

Each change reads the catalog before it writes, so a catalog outage (503)
leaves the cart exactly as it was, and the answer is priced from that same
catalog read. The write itself is one atomic script in Redis (store.py).
"""

from carts.clients.catalog import CatalogProduct, catalog_products_get
from carts.exceptions import (
    CartFull,
    CartLineNotFound,
    CartLineQuantityInvalid,
    InsufficientStock,
    ProductUnavailable,
)
from carts.models import MAX_LINE_QUANTITY, MAX_LINES, Cart
from carts.selectors import cart_price
from carts.store import (
    ADD_CART_FULL,
    ADD_OVER_LINE_LIMIT,
    ADD_OVER_STOCK,
    REMOVE_NOT_IN_CART,
    cart_delete,
    cart_line_decrement,
    cart_line_increment,
    cart_lines_read,
)

CART_FULL_MESSAGE = f"A cart holds at most {MAX_LINES} different products."


def _cart_after_change(
    *, lines: dict[str, int], products: dict[str, CatalogProduct], asked: set[str]
) -> Cart:
    # Another request of the same user may have added a product between our
    # catalog read and the write; price it too rather than hide it.
    unasked = set(lines) - asked
    if unasked:
        products = {**products, **catalog_products_get(ids=unasked)}
    return cart_price(lines=lines, products=products)


def cart_item_add(*, user_id: str, product_id: str, quantity: int) -> Cart:
    """Adds `quantity` of a product for sale to the user's cart; returns the cart.

    Raises ProductUnavailable (unknown or inactive), CartLineQuantityInvalid
    (the line would pass 99), InsufficientStock (the line would pass the
    stock), CartFull, CartStoreUnavailable or ServiceUnavailable (catalog)."""
    lines = cart_lines_read(user_id=user_id)
    if product_id not in lines and len(lines) >= MAX_LINES:
        # Refused before asking the catalog (101 ids would take two calls);
        # the script below checks again, atomically, against concurrent adds.
        raise CartFull(CART_FULL_MESSAGE)
    asked = {*lines, product_id}
    products = catalog_products_get(ids=asked)
    product = products.get(product_id)
    if product is None:
        raise ProductUnavailable()
    result = cart_line_increment(
        user_id=user_id,
        product_id=product_id,
        quantity=quantity,
        line_limit=MAX_LINE_QUANTITY,
        stock=product.stock,
        max_lines=MAX_LINES,
    )
    in_cart = result.lines.get(product_id, 0)
    if result.outcome == ADD_OVER_LINE_LIMIT:
        raise CartLineQuantityInvalid(
            f"A cart holds at most {MAX_LINE_QUANTITY} of one product; "
            f"this one already holds {in_cart}."
        )
    if result.outcome == ADD_OVER_STOCK:
        raise InsufficientStock(f"Only {product.stock} in stock; the cart already holds {in_cart}.")
    if result.outcome == ADD_CART_FULL:
        raise CartFull(CART_FULL_MESSAGE)
    return _cart_after_change(lines=result.lines, products=products, asked=asked)


def cart_item_remove(*, user_id: str, product_id: str, quantity: int | None = None) -> Cart:
    """Takes `quantity` of a product out of the user's cart, or the whole line
    when `quantity` is None or reaches the line's quantity; returns the cart.

    Raises CartLineNotFound, CartStoreUnavailable or ServiceUnavailable."""
    lines = cart_lines_read(user_id=user_id)
    if product_id not in lines:
        raise CartLineNotFound()
    products = catalog_products_get(ids=lines)
    result = cart_line_decrement(user_id=user_id, product_id=product_id, quantity=quantity)
    if result.outcome == REMOVE_NOT_IN_CART:
        raise CartLineNotFound()
    return _cart_after_change(lines=result.lines, products=products, asked=set(lines))


def cart_clear(*, user_id: str) -> None:
    """Empties the user's cart; emptying an empty cart is not an error."""
    cart_delete(user_id=user_id)
