"""The plain functions that shape the staff summaries for the dashboard."""

import datetime
import uuid
from decimal import Decimal

import pytest

from console import presenters
from console.tests.conftest import (
    low_stock_json,
    low_stock_product_json,
    orders_summary_json,
    payments_summary_json,
)

# --- revenue bars ----------------------------------------------------------------


def test_bar_percents_are_shares_of_the_best_day_in_decimal():
    percents = presenters.bar_percents([Decimal("0.10"), Decimal("0.20"), Decimal("0.30")])

    assert percents == [Decimal("33.3"), Decimal("66.7"), Decimal("100.0")]
    assert all(isinstance(percent, Decimal) for percent in percents)


def test_bar_percents_round_half_up_to_one_decimal():
    # 1/8 = 12.5% exactly; 1/16 = 6.25% -> 6.3 (half up, not to even)
    assert presenters.bar_percents([Decimal(1), Decimal(8)]) == [Decimal("12.5"), Decimal("100.0")]
    assert presenters.bar_percents([Decimal(1), Decimal(16)])[0] == Decimal("6.3")


@pytest.mark.parametrize("totals", [[], [Decimal(0)], [Decimal(0), Decimal("0.00")]])
def test_bar_percents_without_revenue_are_all_zero(totals):
    assert presenters.bar_percents(totals) == [Decimal("0.0")] * len(totals)


def test_revenue_keeps_every_cent_of_totals_a_float_would_round():
    big = "12345678901234567.89"  # more digits than a float holds
    summary = orders_summary_json(
        revenue_last_7_days=[
            {"date": "2025-03-01", "total": big},
            {"date": "2025-03-02", "total": "0.01"},
        ]
    )

    revenue = presenters.revenue(summary)

    assert revenue.days[0].total == Decimal(big)
    assert revenue.days[0].total_text == "12,345,678,901,234,567.89 KZT"
    assert revenue.total_text == "12,345,678,901,234,567.90 KZT"
    assert revenue.days[1].percent == Decimal("0.0")
    assert revenue.days[0].width == "100.0%"


def test_revenue_days_keep_the_services_order_with_their_dates():
    revenue = presenters.revenue(orders_summary_json())

    assert [day.date for day in revenue.days] == [datetime.date(2025, 3, n) for n in range(1, 8)]
    assert revenue.currency == "KZT"


def test_revenue_without_a_currency_is_in_the_shops(settings):
    settings.SHOP_CURRENCY = "EUR"
    summary = orders_summary_json(revenue_last_7_days=[{"date": "2025-03-01", "total": "5"}])
    del summary["currency"]

    assert presenters.revenue(summary).days[0].total_text == "5.00 EUR"


@pytest.mark.parametrize(
    "total", ["lots", "NaN", "Infinity", "-1.00", 1.5, None, True, ["1"], {"amount": "1"}]
)
def test_revenue_refuses_a_total_that_is_not_an_amount(total):
    summary = orders_summary_json(revenue_last_7_days=[{"date": "2025-03-01", "total": total}])

    with pytest.raises(presenters.Unreadable):
        presenters.revenue(summary)


@pytest.mark.parametrize(
    "days",
    [
        None,
        "7",
        [["2025-03-01", "1.00"]],
        [{"total": "1.00"}],
        [{"date": "2025-02-30", "total": "1.00"}],
        [{"date": 20250301, "total": "1.00"}],
    ],
)
def test_revenue_refuses_days_that_are_not_dated_rows(days):
    with pytest.raises(presenters.Unreadable):
        presenters.revenue(orders_summary_json(revenue_last_7_days=days))


# --- orders by status -----------------------------------------------------------------


def test_orders_by_status_come_in_lifecycle_order_with_the_storefronts_badges():
    rows = presenters.orders_by_status(orders_summary_json())

    assert [(row.status, row.badge.label, row.badge.tone, row.count) for row in rows] == [
        ("pending_payment", "Awaiting payment", "warning", 4),
        ("payment_failed", "Payment declined", "danger", 2),
        ("paid", "Paid", "success", 12),
        ("shipped", "Shipped", "info", 7),
        ("delivered", "Delivered", "primary", 30),
        ("refunded", "Refunded", "dark", 1),
        ("cancelled", "Cancelled", "secondary", 3),
    ]
    assert rows[0].url == "/admin/orders/orders/order/?status__exact=pending_payment"


def test_a_status_left_out_has_no_orders_and_a_new_one_comes_last():
    rows = presenters.orders_by_status({"by_status": {"paid": 2, "on_hold": 1}})

    counts = {row.status: row.count for row in rows}
    assert counts["paid"] == 2
    assert counts["shipped"] == 0
    assert rows[-1].status == "on_hold"
    assert rows[-1].badge.label == "On hold"
    assert rows[-1].url == "/admin/orders/orders/order/?status__exact=on_hold"


@pytest.mark.parametrize(
    "summary",
    [
        {},
        None,
        [],
        {"by_status": None},
        {"by_status": [["paid", 1]]},
        {"by_status": {"paid": "1"}},
        {"by_status": {"paid": 1.0}},
        {"by_status": {"paid": -1}},
        {"by_status": {"paid": True}},
    ],
)
def test_orders_by_status_refuses_anything_but_counts(summary):
    with pytest.raises(presenters.Unreadable):
        presenters.orders_by_status(summary)


# --- top products, payments, low stock --------------------------------------------------------


def test_top_products_are_at_most_five_linking_to_the_catalog_admin():
    product_id = str(uuid.uuid4())
    summary = orders_summary_json(
        top_products=[
            {"product_id": product_id, "sku": f"S{n}", "name": f"P{n}", "quantity": 10 - n}
            for n in range(7)
        ]
    )

    products = presenters.top_products(summary)

    assert [product.name for product in products] == ["P0", "P1", "P2", "P3", "P4"]
    assert products[0].url == f"/admin/catalog/products/product/{product_id}/change/"


@pytest.mark.parametrize(
    "row",
    [
        {"sku": "S", "name": "P", "quantity": 1},
        {"product_id": "not-an-id", "sku": "S", "name": "P", "quantity": 1},
        {"product_id": str(uuid.uuid4()), "sku": "S", "name": None, "quantity": 1},
        {"product_id": str(uuid.uuid4()), "sku": "S", "name": "P", "quantity": "1"},
    ],
)
def test_top_products_refuse_a_row_that_is_not_a_product(row):
    with pytest.raises(presenters.Unreadable):
        presenters.top_products(orders_summary_json(top_products=[row]))


def test_payments_are_two_counts():
    assert presenters.payments(payments_summary_json()) == presenters.Payments(
        succeeded=51, failed=6
    )


@pytest.mark.parametrize(
    "summary",
    [{}, {"succeeded": 1}, {"succeeded": "1", "failed": 0}, {"succeeded": 1, "failed": None}],
)
def test_payments_refuse_anything_but_counts(summary):
    with pytest.raises(presenters.Unreadable):
        presenters.payments(summary)


def test_low_stock_lists_the_products_with_the_threshold():
    product = low_stock_product_json(name="Blue mug", sku="MUG-1", stock=0)

    shaped = presenters.low_stock(low_stock_json(product, threshold=3))

    assert shaped.threshold == 3
    assert shaped.products == [
        presenters.LowStockProduct(
            name="Blue mug",
            sku="MUG-1",
            stock=0,
            url=f"/admin/catalog/products/product/{product['id']}/change/",
        )
    ]


@pytest.mark.parametrize(
    "answer",
    [
        {"results": []},
        {"threshold": 5},
        {"threshold": 5, "results": {}},
        {"threshold": 5, "results": ["mug"]},
        low_stock_json(low_stock_product_json(stock=-1)),
        low_stock_json(low_stock_product_json(id=None)),
    ],
)
def test_low_stock_refuses_an_answer_that_is_not_the_catalogs(answer):
    with pytest.raises(presenters.Unreadable):
        presenters.low_stock(answer)


# --- sections and notices -----------------------------------------------------------------


def test_a_section_holds_the_figures_or_the_notice_of_an_unreadable_answer():
    assert presenters.section("payment", payments_summary_json(), presenters.payments).figures

    broken = presenters.section("payment", {"succeeded": 1}, presenters.payments)

    assert broken.figures is None
    assert broken.notice == (
        "The payment service sent figures this page cannot read. Please try again later."
    )


def test_an_absurd_amount_is_a_notice_not_an_overflow():
    summary = orders_summary_json(
        revenue_last_7_days=[
            {"date": "2025-03-01", "total": "9e999999"},
            {"date": "2025-03-02", "total": "9e999999"},
        ]
    )

    assert presenters.section("order", summary, presenters.revenue).notice is not None


def test_the_areas_are_the_four_services_admins():
    assert [(area.key, area.url) for area in presenters.AREAS] == [
        ("catalog", "/admin/catalog/"),
        ("orders", "/admin/orders/"),
        ("payments", "/admin/payments/"),
        ("users", "/admin/users/"),
    ]
