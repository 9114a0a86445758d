"""The services' JSON as DESIGN.md §5 shapes it, as plain dicts for stubbing
them. Every builder takes keyword overrides."""

import itertools
import uuid
from decimal import Decimal

_serial = itertools.count(1)


def _id() -> str:
    return str(uuid.uuid4())


def category_json(**overrides) -> dict:
    n = next(_serial)
    return {"id": _id(), "name": f"Category {n}", "slug": f"category-{n}", **overrides}


def image_json(**overrides) -> dict:
    return {
        "id": _id(),
        "url": "https://images.example.com/mug.jpg",
        "alt": "A blue mug",
        "position": 0,
        **overrides,
    }


def product_json(**overrides) -> dict:
    n = next(_serial)
    return {
        "id": _id(),
        "sku": f"SKU-{n:05d}",
        "name": f"Product {n}",
        "description": "A fine product.",
        "price": "19.90",
        "currency": "KZT",
        "stock": 10,
        "is_active": True,
        "attributes": {"colour": "blue"},
        "categories": [],
        "images": [image_json()],
        "created_at": "2025-01-02T10:00:00Z",
        "updated_at": "2025-01-02T10:00:00Z",
        **overrides,
    }


def cart_line_json(**overrides) -> dict:
    n = next(_serial)
    line = {
        "product_id": _id(),
        "sku": f"SKU-{n:05d}",
        "name": f"Product {n}",
        "unit_price": "19.90",
        "quantity": 2,
        **overrides,
    }
    line.setdefault("line_total", str(Decimal(line["unit_price"]) * line["quantity"]))
    return line


def cart_json(items: list | None = None, **overrides) -> dict:
    items = [] if items is None else items
    return {
        "items": items,
        "total_quantity": sum(item["quantity"] for item in items),
        "total": str(sum((Decimal(item["line_total"]) for item in items), Decimal("0.00"))),
        **overrides,
    }


def address_json(**overrides) -> dict:
    return {
        "name": "Aigerim Sadykova",
        "line1": "12 Abay Avenue",
        "line2": "",
        "city": "Almaty",
        "postal_code": "050000",
        "country": "KZ",
        "phone": "",
        **overrides,
    }


def saved_address_json(**overrides) -> dict:
    return {
        "id": _id(),
        **address_json(),
        "is_default": False,
        "created_at": "2025-01-02T10:00:00Z",
        "updated_at": "2025-01-02T10:00:00Z",
        **overrides,
    }


def order_event_json(**overrides) -> dict:
    return {
        "from_status": None,
        "to_status": "pending_payment",
        "at": "2025-01-02T10:00:00Z",
        "actor": "customer:1",
        "note": "",
        **overrides,
    }


def order_json(**overrides) -> dict:
    items = overrides.pop("items", None) or [
        {
            "product_id": _id(),
            "sku": "SKU-00001",
            "name": "Blue mug",
            "unit_price": "19.90",
            "quantity": 2,
            "line_total": "39.80",
        }
    ]
    return {
        "id": _id(),
        "status": "pending_payment",
        "user_id": _id(),
        "email": "ann@example.com",
        "items": items,
        "total": "39.80",
        "currency": "KZT",
        "shipping_address": address_json(),
        "payment_id": None,
        "events": [order_event_json()],
        "created_at": "2025-01-02T10:00:00Z",
        "updated_at": "2025-01-02T10:00:00Z",
        **overrides,
    }


def payment_json(**overrides) -> dict:
    return {
        "id": _id(),
        "order_id": _id(),
        "amount": "39.80",
        "status": "succeeded",
        "card_last4": "4242",
        "created_at": "2025-01-02T10:05:00Z",
        **overrides,
    }
