"""`/admin/`: the console's links to its areas and the dashboard's figures,
from the services' staff summaries (stubbed at the HTTP boundary)."""

import pytest
import requests
from django.conf import settings

from console.tests.conftest import (
    LOW_STOCK,
    ORDERS_SUMMARY,
    PAYMENTS_SUMMARY,
    low_stock_json,
    low_stock_product_json,
    orders_summary_json,
    page_of,
)

ORDER_DOWN = "The order service is unavailable right now. Please try again in a moment."
PAYMENT_DOWN = "The payment service is unavailable right now. Please try again in a moment."
CATALOG_DOWN = "The catalog service is unavailable right now. Please try again in a moment."
ORDER_SECTIONS = ("dashboard-orders-by-status", "dashboard-revenue", "dashboard-top-products")


def notice_in(page, section: str) -> str | None:
    """The notice a section shows in place of its figures, or None."""
    notices = page.find(section).find_all("section-unavailable")
    return notices[0].text if notices else None


# --- every figure -----------------------------------------------------------------


def test_the_areas_are_linked_with_what_each_is_for(summaries, admin_client):
    page = page_of(admin_client.get("/admin/"))

    areas = page.find("console-areas")
    links = {key: areas.find(f"area-{key}") for key in ("catalog", "orders", "payments", "users")}
    assert {key: link.attrs["href"] for key, link in links.items()} == {
        "catalog": "/admin/catalog/",
        "orders": "/admin/orders/",
        "payments": "/admin/payments/",
        "users": "/admin/users/",
    }
    assert links["catalog"].text == "Catalog Products, categories, stock"
    assert links["orders"].text == "Orders Ship, deliver, cancel"
    assert links["payments"].text == "Payments Refunds"
    assert links["users"].text == "Users Roles, active flag"
    assert page.find("back-to-storefront").attrs["href"] == "/"


def test_orders_by_status_shows_each_count_linking_to_the_order_admins_filtered_list(
    summaries, admin_client
):
    response = admin_client.get("/admin/")

    assert response.status_code == 200
    rows = page_of(response).find("dashboard-orders-by-status").find_all("status-count")
    assert [(row.attrs["data-status"], row.text) for row in rows] == [
        ("pending_payment", "Awaiting payment 4"),
        ("payment_failed", "Payment declined 2"),
        ("paid", "Paid 12"),
        ("shipped", "Shipped 7"),
        ("delivered", "Delivered 30"),
        ("refunded", "Refunded 1"),
        ("cancelled", "Cancelled 3"),
    ]
    assert rows[2].attrs["href"] == "/admin/orders/orders/order/?status__exact=paid"


def test_payments_succeeded_and_failed_are_shown(summaries, admin_client):
    section = page_of(admin_client.get("/admin/")).find("dashboard-payments")

    assert section.find("payments-succeeded").text == "51"
    assert section.find("payments-failed").text == "6"


def test_revenue_shows_each_of_the_7_days_oldest_first_with_a_bar_and_the_sum(
    summaries, admin_client
):
    section = page_of(admin_client.get("/admin/")).find("dashboard-revenue")

    days = section.find_all("revenue-day")
    assert [day.attrs["data-date"] for day in days] == [f"2025-03-0{n}" for n in range(1, 8)]
    assert days[0].text == "Sat 1 Mar 0.00 KZT"
    assert days[3].text == "Tue 4 Mar 750.50 KZT"
    assert [day.find("revenue-total").text for day in days][2] == "3,000.00 KZT"
    widths = [day.find("revenue-bar").attrs["style"] for day in days]
    assert widths == [
        "width: 0.0%",
        "width: 50.0%",
        "width: 100.0%",
        "width: 25.0%",
        "width: 0.0%",
        "width: 40.0%",
        "width: 100.0%",  # 2999.99 of 3000.00 is 99.9997%
    ]
    assert section.find("revenue-sum").text == "9,450.49 KZT"


def test_the_top_products_are_listed_with_their_quantities_and_catalog_admin_links(
    summaries, admin_client
):
    section = page_of(admin_client.get("/admin/")).find("dashboard-top-products")

    rows = section.find_all("top-product")
    assert [row.text for row in rows] == [
        "Best 1 SKU-1 40 sold",
        "Best 2 SKU-2 31 sold",
        "Best 3 SKU-3 20 sold",
        "Best 4 SKU-4 9 sold",
        "Best 5 SKU-5 2 sold",
    ]
    first_id = summaries.orders["top_products"][0]["product_id"]
    assert rows[0].links() == [f"/admin/catalog/products/product/{first_id}/change/"]


def test_low_stock_products_are_listed_linking_to_their_catalog_admin_page(summaries, admin_client):
    section = page_of(admin_client.get("/admin/")).find("dashboard-low-stock")

    rows = section.find_all("low-stock-product")
    assert [row.text for row in rows] == ["Blue mug MUG-1 2", "Teapot TEA-9 0"]
    mug_id = summaries.low_stock["results"][0]["id"]
    assert rows[0].links() == [f"/admin/catalog/products/product/{mug_id}/change/"]
    assert "Products with 5 or fewer in stock." in section.text


def test_no_section_shows_a_notice_when_every_service_answers(summaries, admin_client):
    page = page_of(admin_client.get("/admin/"))

    assert page.find_all("section-unavailable") == []


def test_empty_lists_say_so(summaries, admin_client):
    summaries.stub(ORDERS_SUMMARY, json=orders_summary_json(top_products=[]))
    summaries.stub(LOW_STOCK, json=low_stock_json())

    page = page_of(admin_client.get("/admin/"))

    assert "No products sold yet." in page.find("dashboard-top-products").text
    assert "No product is low on stock." in page.find("dashboard-low-stock").text


# --- the calls --------------------------------------------------------------------


def test_each_summary_is_asked_once_with_the_admins_token(summaries, admin_client):
    admin_client.get("/admin/")

    assert len(summaries.mock.calls) == 3
    for where in (ORDERS_SUMMARY, PAYMENTS_SUMMARY, LOW_STOCK):
        (sent,) = summaries.calls_to(where)
        assert sent.method == "GET"
        assert sent.headers["Authorization"] == f"Bearer {admin_client.access_token}"


def test_the_page_is_never_cached(summaries, admin_client):
    response = admin_client.get("/admin/")

    assert "no-store" in response["Cache-Control"]


def test_a_post_is_not_allowed(summaries, admin_client):
    assert admin_client.post("/admin/").status_code == 405
    assert len(summaries.mock.calls) == 0


# --- a service down or refusing ------------------------------------------------------


def test_the_order_service_down_puts_its_notice_in_its_three_sections_only(summaries, admin_client):
    summaries.stub(ORDERS_SUMMARY, body=requests.ConnectionError("refused"))

    response = admin_client.get("/admin/")

    assert response.status_code == 200
    page = page_of(response)
    for section in ORDER_SECTIONS:
        assert notice_in(page, section) == ORDER_DOWN
    assert page.find_all("status-count") == []
    assert page.find_all("revenue-day") == []
    assert page.find_all("top-product") == []
    assert page.find("payments-succeeded").text == "51"
    assert len(page.find_all("low-stock-product")) == 2
    assert page.find("console-areas").find_all("area-orders")


def test_the_payment_service_down_puts_its_notice_in_the_payments_section_only(
    summaries, admin_client
):
    summaries.stub(PAYMENTS_SUMMARY, status=503, json={"detail": "Down."})

    response = admin_client.get("/admin/")

    assert response.status_code == 200
    page = page_of(response)
    assert notice_in(page, "dashboard-payments") == PAYMENT_DOWN
    assert page.find("dashboard-payments").find_all("payments-succeeded") == []
    assert len(page.find_all("status-count")) == 7
    assert len(page.find_all("low-stock-product")) == 2
    assert len(page.find_all("section-unavailable")) == 1


def test_the_catalog_service_down_puts_its_notice_in_the_low_stock_section_only(
    summaries, admin_client
):
    summaries.stub(LOW_STOCK, body=requests.Timeout("slow"))

    response = admin_client.get("/admin/")

    assert response.status_code == 200
    page = page_of(response)
    assert notice_in(page, "dashboard-low-stock") == CATALOG_DOWN
    assert page.find_all("low-stock-product") == []
    assert page.find("payments-failed").text == "6"
    assert len(page.find_all("revenue-day")) == 7
    assert len(page.find_all("section-unavailable")) == 1


def test_every_service_down_still_answers_the_page_with_its_links(summaries, admin_client):
    for where in (ORDERS_SUMMARY, PAYMENTS_SUMMARY, LOW_STOCK):
        summaries.stub(where, body=requests.ConnectionError("refused"))

    response = admin_client.get("/admin/")

    assert response.status_code == 200
    page = page_of(response)
    assert len(page.find_all("section-unavailable")) == 5
    assert len(page.find("console-areas").links()) == 4


def test_a_refusal_other_than_401_is_the_sections_notice_with_the_services_words(
    summaries, admin_client
):
    summaries.stub(
        PAYMENTS_SUMMARY,
        status=403,
        json={"detail": "You do not have permission to perform this action."},
    )

    response = admin_client.get("/admin/")

    assert response.status_code == 200
    assert notice_in(page_of(response), "dashboard-payments") == (
        "The payment service refused to give these figures: "
        "You do not have permission to perform this action."
    )


@pytest.mark.parametrize("where", [ORDERS_SUMMARY, PAYMENTS_SUMMARY, LOW_STOCK])
def test_a_401_from_a_service_ends_the_session_and_sends_the_admin_to_login(
    summaries, admin_client, where
):
    summaries.stub(where, status=401, json={"detail": "Token is blacklisted."})

    response = admin_client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/login?next=/admin/"
    # The access token is dropped; the refresh cookie stays for the middleware to try.
    assert response.cookies[settings.LOGIN_ACCESS_COOKIE].value == ""
    assert settings.LOGIN_REFRESH_COOKIE not in response.cookies


# --- answers that are not what the contract says -------------------------------------


@pytest.mark.parametrize(
    ("orders", "broken", "intact"),
    [
        (orders_summary_json(by_status=None), "dashboard-orders-by-status", "revenue-day"),
        (
            {k: v for k, v in orders_summary_json().items() if k != "by_status"},
            "dashboard-orders-by-status",
            "revenue-day",
        ),
        (
            orders_summary_json(by_status={"paid": "many"}),
            "dashboard-orders-by-status",
            "top-product",
        ),
        (orders_summary_json(by_status={"paid": -1}), "dashboard-orders-by-status", "top-product"),
        (
            orders_summary_json(revenue_last_7_days=[{"date": "2025-03-01", "total": "lots"}]),
            "dashboard-revenue",
            "status-count",
        ),
        (
            orders_summary_json(revenue_last_7_days=[{"date": "2025-03-01", "total": 12.5}]),
            "dashboard-revenue",
            "status-count",
        ),
        (
            orders_summary_json(revenue_last_7_days=[{"date": "yesterday", "total": "1.00"}]),
            "dashboard-revenue",
            "status-count",
        ),
        (orders_summary_json(revenue_last_7_days="7 days"), "dashboard-revenue", "top-product"),
        (
            orders_summary_json(
                top_products=[{"product_id": "x", "sku": "A", "name": "A", "quantity": 1}]
            ),
            "dashboard-top-products",
            "revenue-day",
        ),
        (
            orders_summary_json(top_products=[{"name": "No quantity"}]),
            "dashboard-top-products",
            "status-count",
        ),
    ],
)
def test_a_malformed_order_summary_costs_only_the_unreadable_section(
    summaries, admin_client, orders, broken, intact
):
    summaries.stub(ORDERS_SUMMARY, json=orders)

    response = admin_client.get("/admin/")

    assert response.status_code == 200
    page = page_of(response)
    assert notice_in(page, broken) == (
        "The order service sent figures this page cannot read. Please try again later."
    )
    assert page.find_all(intact)
    assert len(page.find_all("section-unavailable")) == 1


@pytest.mark.parametrize(
    ("where", "answer", "section"),
    [
        (ORDERS_SUMMARY, ["not", "an", "object"], "dashboard-orders-by-status"),
        (PAYMENTS_SUMMARY, {"succeeded": 3}, "dashboard-payments"),
        (PAYMENTS_SUMMARY, {"succeeded": True, "failed": 0}, "dashboard-payments"),
        (PAYMENTS_SUMMARY, "ok", "dashboard-payments"),
        (LOW_STOCK, {"threshold": 5}, "dashboard-low-stock"),
        (LOW_STOCK, {"threshold": 5, "results": [{"name": "Mug"}]}, "dashboard-low-stock"),
        (
            LOW_STOCK,
            low_stock_json(low_stock_product_json(stock="few")),
            "dashboard-low-stock",
        ),
        (LOW_STOCK, low_stock_json(low_stock_product_json(id="../../x")), "dashboard-low-stock"),
    ],
)
def test_a_malformed_answer_is_its_sections_notice_never_a_500(
    summaries, admin_client, where, answer, section
):
    summaries.stub(where, json=answer)

    response = admin_client.get("/admin/")

    assert response.status_code == 200
    assert "cannot read" in notice_in(page_of(response), section)


def test_an_answer_that_is_not_json_is_a_notice(summaries, admin_client):
    summaries.stub(PAYMENTS_SUMMARY, body="<html>oops</html>")

    response = admin_client.get("/admin/")

    assert response.status_code == 200
    assert notice_in(page_of(response), "dashboard-payments") == (
        "The payment service is unavailable right now. Please try again in a moment."
    )


# --- escaping -----------------------------------------------------------------------


def test_product_names_are_shown_as_text(summaries, admin_client):
    script = "<script>alert(1)</script>"
    summaries.stub(LOW_STOCK, json=low_stock_json(low_stock_product_json(name=script)))
    orders = orders_summary_json()
    orders["top_products"][0]["name"] = script
    summaries.stub(ORDERS_SUMMARY, json=orders)

    response = admin_client.get("/admin/")

    content = response.content.decode()
    assert script not in content
    assert content.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 2
    page = page_of(response)
    assert page.find("low-stock-product").text.startswith(script)
    assert page.find_all("top-product")[0].text.startswith(script)
