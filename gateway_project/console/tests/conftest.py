"""Fixtures of the console's tests: a signed-in admin, the three staff
summaries as the services' contracts shape them, and the page read by its
`data-testid`s."""

import uuid
from html.parser import HTMLParser

import pytest
from conftest import client_signed_in, service_url
from django.test import Client

from shop_common import roles

# Where the dashboard's figures come from: (service, path).
ORDERS_SUMMARY = ("order", "/orders/summary")
PAYMENTS_SUMMARY = ("payment", "/payment/summary")
LOW_STOCK = ("catalog", "/products/low-stock")


def orders_summary_json(**overrides) -> dict:
    return {
        "by_status": {
            "pending_payment": 4,
            "paid": 12,
            "payment_failed": 2,
            "cancelled": 3,
            "shipped": 7,
            "delivered": 30,
            "refunded": 1,
        },
        "revenue_last_7_days": [
            {"date": "2025-03-01", "total": "0.00"},
            {"date": "2025-03-02", "total": "1500.00"},
            {"date": "2025-03-03", "total": "3000.00"},
            {"date": "2025-03-04", "total": "750.50"},
            {"date": "2025-03-05", "total": "0.00"},
            {"date": "2025-03-06", "total": "1200.00"},
            {"date": "2025-03-07", "total": "2999.99"},
        ],
        "currency": "KZT",
        "top_products": [
            {"product_id": str(uuid.uuid4()), "sku": f"SKU-{n}", "name": f"Best {n}", "quantity": q}
            for n, q in enumerate((40, 31, 20, 9, 2), start=1)
        ],
        **overrides,
    }


def payments_summary_json(**overrides) -> dict:
    return {"succeeded": 51, "failed": 6, **overrides}


def low_stock_json(*products: dict, threshold: int = 5) -> dict:
    return {"threshold": threshold, "results": list(products)}


def low_stock_product_json(**overrides) -> dict:
    return {"id": str(uuid.uuid4()), "sku": "MUG-1", "name": "Blue mug", "stock": 2, **overrides}


class Summaries:
    """The `backends` mock with the three summaries stubbed (`.stub(...)`
    replaces one), and the calls the gateway made."""

    def __init__(self, mock):
        self.mock = mock
        self.orders = orders_summary_json()
        self.payments = payments_summary_json()
        self.low_stock = low_stock_json(
            low_stock_product_json(sku="MUG-1", name="Blue mug", stock=2),
            low_stock_product_json(sku="TEA-9", name="Teapot", stock=0),
        )
        self.stub(ORDERS_SUMMARY, json=self.orders)
        self.stub(PAYMENTS_SUMMARY, json=self.payments)
        self.stub(LOW_STOCK, json=self.low_stock)

    def stub(self, where: tuple[str, str], **kwargs) -> None:
        """Answers `where` with `kwargs` (`json=`, `status=`, `body=`...)
        instead of its default."""
        url = service_url(*where)
        self.mock.remove("GET", url)
        self.mock.add("GET", url, **kwargs)

    def calls_to(self, where: tuple[str, str]) -> list:
        url = service_url(*where)
        return [call.request for call in self.mock.calls if call.request.url == url]


@pytest.fixture
def summaries(backends) -> Summaries:
    return Summaries(backends)


@pytest.fixture
def admin_client() -> Client:
    """An admin signed in by cookie (`.access_token`)."""
    return client_signed_in(role=roles.ADMIN, email="boss@example.com")


# Reading the page ------------------------------------------------------------------

_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


class Element:
    def __init__(self, tag: str, attrs: dict[str, str]):
        self.tag = tag
        self.attrs = attrs
        self.parts: list[str] = []
        self.children: list[Element] = []

    @property
    def text(self) -> str:
        """The element's text with its whitespace collapsed."""
        return " ".join("".join(self.parts).split())

    def find_all(self, testid: str) -> list["Element"]:
        found = []
        for child in self.children:
            if child.attrs.get("data-testid") == testid:
                found.append(child)
            found += child.find_all(testid)
        return found

    def find(self, testid: str) -> "Element":
        (element,) = self.find_all(testid)
        return element

    def links(self) -> list[str]:
        found = [self.attrs["href"]] if self.tag == "a" and "href" in self.attrs else []
        for child in self.children:
            found += child.links()
        return found


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("document", {})
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(element)
        if tag not in _VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        for element in self.open:
            element.parts.append(data)


def page_of(response) -> Element:
    """The response's HTML as a tree to look up by `data-testid`."""
    reader = _Reader()
    reader.feed(response.content.decode())
    reader.close()
    return reader.root
