"""The services' staff summaries shaped for the console's dashboard: plain
functions, no I/O.

Each function shapes one section of the page and raises `Unreadable` when
the answer does not have the shape the service's contract promises (a field
missing, a count that is not a whole number, a total that is not an amount):
the view then shows that section's notice instead of its figures, and the
page's other sections still show. Money stays `Decimal` from the answer to
the bar widths; labels, badges and money formatting are the storefront's own
(`storefront.presenters`)."""

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from storefront.presenters import Badge, money, shop_currency, status_badge

# The console's areas: each service's own Django admin, served by the
# gateway under /admin/<key>/ (api_proxy.views.admin_area).
AREA_PREFIX = "/admin/"


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    summary: str

    @property
    def url(self) -> str:
        return area_url(self.key)


AREAS = (
    Area("catalog", "Catalog", "Products, categories, stock"),
    Area("orders", "Orders", "Ship, deliver, cancel"),
    Area("payments", "Payments", "Refunds"),
    Area("users", "Users", "Roles, active flag"),
)

# The order statuses in the order an order lives through them (DESIGN.md §5
# Order), so the dashboard always lists them alike; a status the service
# adds later is shown after these.
ORDER_STATUSES = (
    "pending_payment",
    "payment_failed",
    "paid",
    "shipped",
    "delivered",
    "refunded",
    "cancelled",
)

# The order service sends the top 5; more are not shown.
TOP_PRODUCTS_MAX = 5

# Bar widths are percentages with one decimal.
_PERCENT_STEP = Decimal("0.1")
_HUNDRED = Decimal(100)


class Unreadable(ValueError):
    """A service's summary does not have the shape its contract promises."""


def area_url(key: str, path: str = "") -> str:
    """The gateway's URL of a page in one of the console's areas:
    `area_url("orders", "orders/order/")` -> `/admin/orders/orders/order/`."""
    return f"{AREA_PREFIX}{key}/{path}"


def product_change_url(product_id: str) -> str:
    """The catalog admin's page of one product."""
    return area_url("catalog", f"products/product/{product_id}/change/")


def orders_with_status_url(status: str) -> str:
    """The order admin's list filtered to one status."""
    return area_url("orders", "orders/order/") + "?" + urlencode({"status__exact": status})


# --- notices ---------------------------------------------------------------------


def refused_notice(service: str, messages: list[str]) -> str:
    """A section's notice when its service refused the staff member's call
    (other than a 401, which ends the session)."""
    said = " ".join(messages)
    return f"The {service} service refused to give these figures: {said}"


def unreadable_notice(service: str) -> str:
    """A section's notice when its service's answer could not be read."""
    return f"The {service} service sent figures this page cannot read. Please try again later."


# --- reading the answers -----------------------------------------------------------


def _field(data: Any, key: str) -> Any:
    if not isinstance(data, dict) or key not in data:
        raise Unreadable(f"{key} is missing")
    return data[key]


def _count(value: Any, what: str) -> int:
    """A whole number >= 0 (a bool is not one)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Unreadable(f"{what} is not a count: {value!r}")
    return value


def _amount(value: Any, what: str) -> Decimal:
    """An amount of money >= 0, as a Decimal; floats are refused (a service
    sends money as a decimal string)."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise Unreadable(f"{what} is not an amount: {value!r}")
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise Unreadable(f"{what} is not an amount: {value!r}") from exc
    if not amount.is_finite() or amount < 0:
        raise Unreadable(f"{what} is not an amount: {value!r}")
    return amount


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise Unreadable(f"{what} is not text: {value!r}")
    return value


def _uuid(value: Any, what: str) -> str:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError as exc:
        raise Unreadable(f"{what} is not an id: {value!r}") from exc


def _rows(value: Any, what: str) -> list[dict]:
    if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
        raise Unreadable(f"{what} is not a list of rows")
    return value


# --- orders by status ---------------------------------------------------------------


@dataclass(frozen=True)
class StatusCount:
    status: str
    badge: Badge
    count: int
    url: str


def orders_by_status(summary: Any) -> list[StatusCount]:
    """Each order status with its count and a link to the order admin's list
    of those orders, in the order's lifecycle order. A status the service
    leaves out has no orders (0)."""
    by_status = _field(summary, "by_status")
    if not isinstance(by_status, dict):
        raise Unreadable("by_status is not an object")
    counts = {str(status): _count(count, status) for status, count in by_status.items()}
    statuses = [*ORDER_STATUSES, *(s for s in counts if s not in ORDER_STATUSES)]
    return [
        StatusCount(
            status=status,
            badge=status_badge(status),
            count=counts.get(status, 0),
            url=orders_with_status_url(status),
        )
        for status in statuses
    ]


# --- revenue ----------------------------------------------------------------------


@dataclass(frozen=True)
class RevenueDay:
    date: datetime.date
    total: Decimal
    total_text: str
    percent: Decimal  # the bar's width: this day's share of the best day, 0..100

    @property
    def width(self) -> str:
        """The bar's CSS width, written the same in every locale."""
        return f"{self.percent}%"


@dataclass(frozen=True)
class Revenue:
    days: list[RevenueDay]
    total_text: str
    currency: str


def bar_percents(totals: list[Decimal]) -> list[Decimal]:
    """Each total as a percentage of the largest, to one decimal, in Decimal
    arithmetic (all 0 when every total is 0)."""
    largest = max(totals, default=Decimal(0))
    if largest <= 0:
        return [Decimal("0.0") for _ in totals]
    return [
        (total / largest * _HUNDRED).quantize(_PERCENT_STEP, rounding=ROUND_HALF_UP)
        for total in totals
    ]


def revenue(summary: Any) -> Revenue:
    """The revenue of each of the last days (oldest first, as sent), its bar,
    and the period's sum, in the answer's currency."""
    currency = summary.get("currency") if isinstance(summary, dict) else None
    currency = currency if isinstance(currency, str) and currency else shop_currency()
    rows = _rows(_field(summary, "revenue_last_7_days"), "revenue_last_7_days")
    dates, totals = [], []
    for row in rows:
        try:
            dates.append(datetime.date.fromisoformat(_text(_field(row, "date"), "date")))
        except ValueError as exc:
            raise Unreadable(f"date is not a date: {row.get('date')!r}") from exc
        totals.append(_amount(_field(row, "total"), "total"))
    days = [
        RevenueDay(date=day, total=total, total_text=money(total, currency), percent=percent)
        for day, total, percent in zip(dates, totals, bar_percents(totals), strict=True)
    ]
    return Revenue(
        days=days, total_text=money(sum(totals, Decimal(0)), currency), currency=currency
    )


# --- top products ---------------------------------------------------------------------


@dataclass(frozen=True)
class TopProduct:
    name: str
    sku: str
    quantity: int
    url: str


def top_products(summary: Any) -> list[TopProduct]:
    """The best sellers by quantity (at most 5), each linking to its page in
    the catalog admin."""
    rows = _rows(_field(summary, "top_products"), "top_products")
    return [
        TopProduct(
            name=_text(_field(row, "name"), "name"),
            sku=_text(_field(row, "sku"), "sku"),
            quantity=_count(_field(row, "quantity"), "quantity"),
            url=product_change_url(_uuid(_field(row, "product_id"), "product_id")),
        )
        for row in rows[:TOP_PRODUCTS_MAX]
    ]


# --- payments ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Payments:
    succeeded: int
    failed: int


def payments(summary: Any) -> Payments:
    """How many payments succeeded and how many were declined."""
    return Payments(
        succeeded=_count(_field(summary, "succeeded"), "succeeded"),
        failed=_count(_field(summary, "failed"), "failed"),
    )


# --- low stock ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LowStockProduct:
    name: str
    sku: str
    stock: int
    url: str


@dataclass(frozen=True)
class LowStock:
    threshold: int
    products: list[LowStockProduct]


def low_stock(answer: Any) -> LowStock:
    """The products at or below the catalog's threshold, each linking to its
    page in the catalog admin."""
    threshold = _count(_field(answer, "threshold"), "threshold")
    rows = _rows(_field(answer, "results"), "results")
    return LowStock(
        threshold=threshold,
        products=[
            LowStockProduct(
                name=_text(_field(row, "name"), "name"),
                sku=_text(_field(row, "sku"), "sku"),
                stock=_count(_field(row, "stock"), "stock"),
                url=product_change_url(_uuid(_field(row, "id"), "id")),
            )
            for row in rows
        ],
    )


# --- a section ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """One part of the dashboard: its figures, or the notice shown instead."""

    figures: Any = None
    notice: str | None = None


def section(service: str, answer: Any, shape: Callable[[Any], Any]) -> Section:
    """The section `shape` draws from `service`'s answer, or its notice when
    the answer cannot be read."""
    try:
        return Section(figures=shape(answer))
    except (Unreadable, ArithmeticError):  # ArithmeticError: an absurd amount's overflow
        return Section(notice=unreadable_notice(service))
