import json
import re
import uuid
from decimal import Decimal

import pytest
import requests
import responses
from django.conf import settings


def catalog_product(
    *, product_id=None, price="19.90", stock=10, sku=None, name=None, is_active=True
) -> dict:
    """A product as the catalog's public API returns it."""
    product_id = str(product_id or uuid.uuid4())
    return {
        "id": product_id,
        "sku": sku or f"SKU-{product_id[:8]}",
        "name": name or f"Product {product_id[:8]}",
        "description": "",
        "price": price,
        "currency": "KZT",
        "stock": stock,
        "is_active": is_active,
        "attributes": {},
        "categories": [],
        "images": [],
    }


def cart_line(*, product: dict, quantity: int, unit_price: str | None = None) -> dict:
    """A cart line as the cart service returns it (its price may be stale)."""
    price = Decimal(unit_price or product["price"])
    return {
        "product_id": product["id"],
        "sku": product["sku"],
        "name": product["name"],
        "unit_price": str(price),
        "quantity": quantity,
        "line_total": str(price * quantity),
    }


class ServiceStubs:
    """The cart and catalog at the HTTP boundary, on a responses mock."""

    def __init__(self, mock: responses.RequestsMock):
        self.mock = mock
        self.cart_url = settings.SERVICE_URLS["cart"] + "/cart"
        self.catalog = settings.SERVICE_URLS["catalog"]
        self.products_url = self.catalog + "/products"
        self.reservations_url = self.catalog + "/internal/reservations"
        self.release_url = re.compile(
            re.escape(self.catalog) + r"/internal/reservations/[0-9a-f-]{36}/release$"
        )

    def cart(self, lines: list[dict]) -> None:
        total_quantity = sum(line["quantity"] for line in lines)
        total = sum((Decimal(line["line_total"]) for line in lines), Decimal("0.00"))
        self.mock.get(
            self.cart_url,
            json={"items": lines, "total_quantity": total_quantity, "total": str(total)},
        )

    def cart_down(self) -> None:
        self.mock.get(self.cart_url, body=requests.ConnectionError("cart down"))

    def cart_clear(self, status: int = 204) -> None:
        self.mock.delete(self.cart_url, status=status)

    def cart_clear_down(self) -> None:
        self.mock.delete(self.cart_url, body=requests.ConnectionError("cart down"))

    def products(self, products: list[dict]) -> None:
        self.mock.get(
            self.products_url,
            json={"count": len(products), "next": None, "previous": None, "results": products},
        )

    def products_down(self) -> None:
        self.mock.get(self.products_url, status=502, json={"detail": "bad gateway"})

    def reservation(self) -> None:
        def created(request):
            body = json.loads(request.body)
            return 201, {}, json.dumps({**body, "status": "reserved", "created_at": "now"})

        self.mock.add_callback(responses.POST, self.reservations_url, callback=created)

    def reservation_conflict(self, unavailable: list[str]) -> None:
        self.mock.post(
            self.reservations_url,
            status=409,
            json={"detail": "Insufficient stock.", "unavailable": unavailable},
        )

    def reservation_down(self) -> None:
        self.mock.post(self.reservations_url, body=requests.Timeout("catalog timed out"))

    def release(self, status: int = 200) -> None:
        self.mock.post(self.release_url, status=status, json={"status": "released"})

    def release_down(self) -> None:
        self.mock.post(self.release_url, body=requests.ConnectionError("catalog down"))

    def calls(self, method: str, url_part: str) -> list:
        return [
            call
            for call in self.mock.calls
            if call.request.method == method and url_part in call.request.url
        ]

    def reserved_order_ids(self) -> list[str]:
        return [
            json.loads(c.request.body)["order_id"]
            for c in self.calls("POST", "/reservations")
            if not c.request.url.endswith("/release")
        ]

    def released_order_ids(self) -> list[str]:
        return [c.request.url.rsplit("/", 2)[-2] for c in self.calls("POST", "/release")]


@pytest.fixture
def http():
    """Every outgoing HTTP call; an unstubbed one fails as a connection error."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def stubs(http) -> ServiceStubs:
    return ServiceStubs(http)


@pytest.fixture
def shipping_address() -> dict:
    return {
        "name": "Aigerim Sadykova",
        "line1": "12 Abay Avenue",
        "line2": "Apartment 4",
        "city": "Almaty",
        "postal_code": "050000",
        "country": "KZ",
        "phone": "+7 701 123 45 67",
    }


# Values a text field must refuse with a 400 keyed by the field (never a 500,
# never stored): what PostgreSQL or UTF-8 cannot hold, what no column is long
# enough for, and JSON values that are not strings.
NOT_STORABLE_TEXT = [
    pytest.param("\ud800", id="lone-high-surrogate"),
    pytest.param("Almaty \udfff", id="lone-low-surrogate"),
    pytest.param("Al\x00maty", id="nul"),
    pytest.param("x" * 10_000, id="10000-chars"),
    pytest.param(5, id="integer"),
    pytest.param(1.5, id="float"),
    pytest.param(True, id="boolean"),
    pytest.param({"text": "Almaty"}, id="object"),
    pytest.param(["Almaty"], id="list"),
]

SHIPPING_ADDRESS_FIELDS = ["name", "line1", "line2", "city", "postal_code", "country", "phone"]


def json_send(client, method: str, url: str, body, **extra):
    """Sends `body` as JSON text with \\uXXXX escapes, as a client sends an
    unpaired surrogate (DRF's test client cannot encode one itself)."""
    return client.generic(
        method, url, json.dumps(body).encode(), content_type="application/json", **extra
    )
