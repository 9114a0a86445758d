"""Reads of carts: the lines from Redis, priced with the catalog's current prices."""

from django.conf import settings

from carts.clients.catalog import CatalogProduct, catalog_products_get
from carts.models import Cart, CartLine
from carts.store import cart_lines_read


def cart_price(*, lines: dict[str, int], products: dict[str, CatalogProduct]) -> Cart:
    """Returns the cart priced from `products`, the one place totals are made.

    Lines whose product is not in `products` (deleted, deactivated) are left
    out: they cannot be bought, so they are neither shown nor counted."""
    priced = [
        CartLine(
            product_id=product_id,
            sku=products[product_id].sku,
            name=products[product_id].name,
            unit_price=products[product_id].price,
            quantity=quantity,
        )
        for product_id, quantity in lines.items()
        if product_id in products
    ]
    priced.sort(key=lambda line: (line.name, line.product_id))
    return Cart(currency=settings.SHOP_CURRENCY, lines=priced)


def cart_get(*, user_id: str) -> Cart:
    """Returns the user's cart priced now; one catalog call for up to 100
    lines and none for an empty cart."""
    lines = cart_lines_read(user_id=user_id)
    products = catalog_products_get(ids=lines) if lines else {}
    return cart_price(lines=lines, products=products)
