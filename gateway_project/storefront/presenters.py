"""The services' JSON shaped for the pages: plain functions, no I/O.

Templates only lay out what these return (labels, tones, formatted money,
links); every rule about what a person reads on a shop page lives here, where
a test can call it directly, except what every page shows alike
(pages.presenters: outages, timestamps) and a refusal's wording
(backends.errors)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings

from backends.orders import ADDRESS_FIELDS
from pages.presenters import moment

# "Only N left" from this many down; above it, "In stock".
LOW_STOCK = 5
# The catalog and the cart refuse more than this in one line.
LINE_QUANTITY_MAX = 99

# DESIGN.md §5 Order: cancelling is allowed from these statuses, paying from
# the first only (one payment attempt per order: a declined order can only be
# cancelled).
STATUSES_CANCELLABLE = frozenset({"pending_payment", "payment_failed"})
STATUSES_PAYABLE = frozenset({"pending_payment"})

# The flash after a declined payment; the order page explains what is left
# to do (cancel, then order again: the contract allows one payment attempt).
DECLINED_MESSAGE = "Your card was declined."


def shop_currency() -> str:
    """The shop's one currency, for an answer that does not name it."""
    return settings.SHOP_CURRENCY


def money(amount: Any, currency: str | None = None) -> str:
    """`"1299.5"` -> `"1,299.50 KZT"`; a value that is not a number is shown
    as sent, a missing one as a dash."""
    if amount is None:
        return "—"
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        return f"{amount} {currency or shop_currency()}"
    if not value.is_finite():
        return f"{amount} {currency or shop_currency()}"
    return f"{value:,.2f} {currency or shop_currency()}"


# --- catalog -------------------------------------------------------------------


@dataclass(frozen=True)
class StockState:
    label: str
    tone: str  # a Bootstrap colour: success, warning, danger
    available: bool


def stock_state(stock: Any) -> StockState:
    """In stock, only N left (N <= LOW_STOCK) or out of stock."""
    count = stock if isinstance(stock, int) and not isinstance(stock, bool) else 0
    if count <= 0:
        return StockState(label="Out of stock", tone="danger", available=False)
    if count <= LOW_STOCK:
        return StockState(label=f"Only {count} left", tone="warning", available=True)
    return StockState(label="In stock", tone="success", available=True)


def _image(product: dict) -> dict | None:
    images = product.get("images") or []
    if not images or not isinstance(images[0], dict) or not images[0].get("url"):
        return None
    first = images[0]
    return {"url": first["url"], "alt": first.get("alt") or product.get("name", "")}


def product_card(product: dict) -> dict:
    """A product in the catalog list: name, first image, price, stock."""
    return {
        "id": product["id"],
        "name": product.get("name", ""),
        "image": _image(product),
        "price": money(product.get("price"), product.get("currency")),
        "stock": stock_state(product.get("stock")),
    }


def attribute_rows(attributes: Any) -> list[tuple[str, str]]:
    """The product's own properties as (name, value) rows; lists joined by
    commas, anything nested shown as text."""
    if not isinstance(attributes, dict):
        return []
    rows = []
    for key, value in attributes.items():
        if isinstance(value, list):
            text = ", ".join(str(item) for item in value)
        elif isinstance(value, bool):
            text = "Yes" if value else "No"
        elif value is None:
            text = "—"
        else:
            text = str(value)
        rows.append((str(key).replace("_", " ").capitalize(), text))
    return rows


def product_detail(product: dict) -> dict:
    """A product's page: everything of the card plus images, attributes,
    categories, description, and how many one may add (at most 99 or the stock)."""
    stock = product.get("stock") if isinstance(product.get("stock"), int) else 0
    return {
        **product_card(product),
        "sku": product.get("sku", ""),
        "description": product.get("description", ""),
        "images": [
            image
            for image in product.get("images") or []
            if isinstance(image, dict) and image.get("url")
        ],
        "attributes": attribute_rows(product.get("attributes")),
        "categories": product.get("categories") or [],
        "quantity_max": max(1, min(LINE_QUANTITY_MAX, stock)),
    }


# --- pagination ----------------------------------------------------------------


@dataclass(frozen=True)
class Pagination:
    page: int
    pages: int
    previous_url: str | None
    next_url: str | None

    @property
    def shown(self) -> bool:
        return self.pages > 1


def pagination(
    *, count: int, page: int, page_size: int, url_of: Callable[[int], str]
) -> Pagination:
    """Previous and next links for page `page` of `count` items; `url_of(n)`
    builds the link to page n (keeping the page's other filters)."""
    pages = max(1, -(-max(count, 0) // max(page_size, 1)))
    return Pagination(
        page=page,
        pages=pages,
        previous_url=url_of(min(page - 1, pages)) if page > 1 else None,
        next_url=url_of(page + 1) if page < pages else None,
    )


# --- cart ----------------------------------------------------------------------


def cart_summary(cart: dict) -> dict:
    """The cart page's lines and totals."""
    currency = cart.get("currency") or shop_currency()
    lines = [
        {
            "product_id": line["product_id"],
            "name": line.get("name", ""),
            "sku": line.get("sku", ""),
            "quantity": line.get("quantity", 0),
            "unit_price": money(line.get("unit_price"), currency),
            "line_total": money(line.get("line_total"), currency),
        }
        for line in cart.get("items") or []
    ]
    return {
        "lines": lines,
        "is_empty": not lines,
        "total_quantity": cart.get("total_quantity", 0),
        "total": money(cart.get("total", "0"), currency),
    }


def cart_line_quantity(cart: dict, product_id: str) -> int | None:
    """How many of `product_id` the cart holds, or None when it is not in it."""
    for line in cart.get("items") or []:
        if str(line.get("product_id")) == str(product_id):
            return line.get("quantity", 0)
    return None


def cart_line_name(cart: dict, product_id: str) -> str:
    for line in cart.get("items") or []:
        if str(line.get("product_id")) == str(product_id):
            return line.get("name") or "the product"
    return "the product"


# --- orders --------------------------------------------------------------------


@dataclass(frozen=True)
class Badge:
    label: str
    tone: str  # a Bootstrap colour for `text-bg-<tone>`


_STATUS_BADGES = {
    "pending_payment": Badge("Awaiting payment", "warning"),
    "paid": Badge("Paid", "success"),
    "payment_failed": Badge("Payment declined", "danger"),
    "cancelled": Badge("Cancelled", "secondary"),
    "shipped": Badge("Shipped", "info"),
    "delivered": Badge("Delivered", "primary"),
    "refunded": Badge("Refunded", "dark"),
}


def status_badge(status: Any) -> Badge:
    """The label and colour of an order status (an unknown one as it is)."""
    if status in _STATUS_BADGES:
        return _STATUS_BADGES[status]
    return Badge(str(status or "Unknown").replace("_", " ").capitalize(), "secondary")


def address_lines(address: Any) -> list[str]:
    """A postal address as the lines of a label."""
    if not isinstance(address, dict):
        return []
    city_line = " ".join(part for part in (address.get("postal_code"), address.get("city")) if part)
    lines = [
        address.get("name"),
        address.get("line1"),
        address.get("line2"),
        city_line,
        address.get("country"),
        address.get("phone"),
    ]
    return [str(line) for line in lines if line]


def address_label(address: dict) -> str:
    """A saved address on one line, for a radio button."""
    return ", ".join(address_lines(address))


def address_matching(addresses: Iterable[dict], typed: dict) -> dict | None:
    """The saved address equal to a typed one (so "save this address" twice
    does not save it twice), or None."""

    def key(address: dict) -> tuple:
        return tuple(str(address.get(field) or "").strip().casefold() for field in ADDRESS_FIELDS)

    wanted = key(typed)
    return next((address for address in addresses if key(address) == wanted), None)


def actor_label(actor: Any) -> str:
    """Who made a status change, as the shopper reads it (staff are not named)."""
    kind = str(actor or "").split(":", 1)[0]
    return {
        "customer": "You",
        "admin": "Shop staff",
        "staff": "Shop staff",
        "service": "Payment" if str(actor) == "service:payment" else "The shop",
        "system": "The shop (automatic)",
    }.get(kind, "The shop")


def _event(event: dict) -> dict:
    return {
        "from_status": status_badge(event["from_status"]) if event.get("from_status") else None,
        "to_status": status_badge(event.get("to_status")),
        "at": moment(event.get("at")),
        "at_text": event.get("at", ""),
        "actor": actor_label(event.get("actor")),
        "note": event.get("note", ""),
    }


def order_row(order: dict) -> dict:
    """An order in the shopper's list."""
    items = order.get("items") or []
    return {
        "id": order["id"],
        "created_at": moment(order.get("created_at")),
        "created_at_text": order.get("created_at", ""),
        "status": status_badge(order.get("status")),
        "total": money(order.get("total"), order.get("currency")),
        "item_count": sum(item.get("quantity", 0) for item in items),
    }


def order_detail(order: dict) -> dict:
    """An order's page: its lines, total, address, history and what the
    shopper may still do with it."""
    currency = order.get("currency")
    status = order.get("status")
    return {
        **order_row(order),
        "status_code": status,
        "lines": [
            {
                "product_id": item.get("product_id"),
                "name": item.get("name", ""),
                "sku": item.get("sku", ""),
                "unit_price": money(item.get("unit_price"), currency),
                "quantity": item.get("quantity", 0),
                "line_total": money(item.get("line_total"), currency),
            }
            for item in order.get("items") or []
        ],
        "address": address_lines(order.get("shipping_address")),
        "events": [_event(event) for event in order.get("events") or []],
        "can_cancel": status in STATUSES_CANCELLABLE,
        "can_pay": status in STATUSES_PAYABLE,
        "declined": status == "payment_failed",
    }


def stock_conflict_message(body: Any, *, names: dict[str, str]) -> str | None:
    """The order service's 409 for short stock with the products named:
    `{"detail", "unavailable": [ids]}` -> "... : Blue mug, Teapot." (None for
    another 409)."""
    if not isinstance(body, dict) or not isinstance(body.get("unavailable"), list):
        return None
    detail = str(body.get("detail") or "Some products are unavailable.").rstrip(".")
    products = [
        names.get(str(product_id), "a product no longer sold") for product_id in body["unavailable"]
    ]
    return f"{detail}: {', '.join(products)}." if products else f"{detail}."
