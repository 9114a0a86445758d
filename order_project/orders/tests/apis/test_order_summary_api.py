"""`GET /orders/summary`: the staff dashboard's order figures (admin role)."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.utils import timezone

from orders.status import OrderStatus
from orders.tests.factories import OrderFactory, OrderLineFactory

pytestmark = pytest.mark.django_db

URL = "/orders/summary"


def _utc_today() -> datetime.date:
    return timezone.now().astimezone(datetime.UTC).date()


def test_admins_get_every_figure_in_the_contract_shape(admin_api_client):
    OrderFactory(status=OrderStatus.PAID, total=Decimal("10.50"))
    OrderFactory(status=OrderStatus.DELIVERED, total=Decimal("5.25"))
    OrderFactory(status=OrderStatus.REFUNDED, total=Decimal("99.00"))
    OrderFactory(status=OrderStatus.CANCELLED, total=Decimal("99.00"))
    OrderFactory(total=Decimal("99.00"))
    before = _utc_today()

    response = admin_api_client.get(URL)

    after = _utc_today()
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"by_status", "revenue_last_7_days", "currency", "top_products"}
    assert body["by_status"] == {
        "pending_payment": 1,
        "paid": 1,
        "payment_failed": 0,
        "cancelled": 1,
        "shipped": 0,
        "delivered": 1,
        "refunded": 1,
    }
    days = body["revenue_last_7_days"]
    assert len(days) == 7
    assert days[-1]["date"] in {before.isoformat(), after.isoformat()}
    last = datetime.date.fromisoformat(days[-1]["date"])
    assert [day["date"] for day in days] == [
        (last - datetime.timedelta(days=n)).isoformat() for n in range(6, -1, -1)
    ]
    assert all(set(day) == {"date", "total"} for day in days)
    # Only the paid and delivered orders count, on the day they were placed.
    assert sum(Decimal(day["total"]) for day in days) == Decimal("15.75")
    assert {day["total"] for day in days} <= {"15.75", "0.00"}
    assert body["currency"] == "KZT"
    assert len(body["top_products"]) == 2
    assert set(body["top_products"][0]) == {"product_id", "sku", "name", "quantity"}


def test_with_no_orders_every_figure_is_zero(admin_api_client):
    response = admin_api_client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["by_status"] == dict.fromkeys(OrderStatus.values, 0)
    assert [day["total"] for day in body["revenue_last_7_days"]] == ["0.00"] * 7
    assert body["currency"] == "KZT"
    assert body["top_products"] == []


def test_the_currency_is_the_shop_currency_setting(admin_api_client, settings):
    settings.SHOP_CURRENCY = "EUR"

    assert admin_api_client.get(URL).json()["currency"] == "EUR"


def test_the_summary_needs_a_token(client):
    response = client.get(URL)

    assert response.status_code == 401
    assert "detail" in response.json()


def test_customers_are_refused(customer_client):
    response = customer_client.get(URL)

    assert response.status_code == 403


@pytest.mark.parametrize("rows", [1, 30])
def test_the_summary_costs_three_queries_whatever_the_number_of_orders(
    admin_api_client, django_assert_num_queries, rows
):
    for n in range(rows):
        OrderFactory(status=OrderStatus.PAID if n % 2 else OrderStatus.SHIPPED)

    with django_assert_num_queries(3):
        response = admin_api_client.get(URL)

    assert response.status_code == 200
    assert sum(response.json()["by_status"].values()) == rows
    assert len(response.json()["top_products"]) == min(rows, 5)


def test_the_schema_describes_the_summary(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    components = schema["components"]["schemas"]
    operation = schema["paths"]["/orders/summary"]["get"]

    assert {"200", "401", "403"} <= set(operation["responses"])
    summary = components["OrderSummary"]["properties"]
    assert set(summary) == {"by_status", "revenue_last_7_days", "currency", "top_products"}
    assert set(components["OrderStatusCounts"]["properties"]) == set(OrderStatus.values)
    assert set(components["OrderDayRevenue"]["properties"]) == {"date", "total"}
    assert set(components["OrderProductSold"]["properties"]) == {
        "product_id",
        "sku",
        "name",
        "quantity",
    }


def test_an_order_id_path_still_reaches_the_order(admin_api_client):
    order = OrderFactory()

    response = admin_api_client.get(f"/order/{order.id}")

    assert response.status_code == 200


def _sold(product_id: uuid.UUID, quantity: int, *, status=OrderStatus.PAID, **line):
    order = OrderFactory(status=status, line=None)
    return OrderLineFactory(
        order=order, product_id=product_id, quantity=quantity, unit_price=Decimal("1.00"), **line
    )


def test_top_products_sum_quantities_of_sold_orders_only_highest_first_ties_by_name(
    admin_api_client,
):
    mug, plate, apron, bowl, cup, spoon = (uuid.uuid4() for _ in range(6))
    _sold(mug, 3, name="Mug", sku="MUG")
    _sold(mug, 4, status=OrderStatus.DELIVERED, name="Mug", sku="MUG")
    _sold(plate, 5, status=OrderStatus.SHIPPED, name="Plate", sku="PLATE")
    _sold(apron, 5, name="Apron", sku="APRON")
    _sold(bowl, 2, name="Bowl", sku="BOWL")
    _sold(cup, 1, name="Cup", sku="CUP")
    _sold(spoon, 1, name="Spoon", sku="SPOON")
    # Not sold: refunded, cancelled, unpaid and failed orders do not count.
    for status in (
        OrderStatus.REFUNDED,
        OrderStatus.CANCELLED,
        OrderStatus.PENDING_PAYMENT,
        OrderStatus.PAYMENT_FAILED,
    ):
        _sold(spoon, 100, status=status, name="Spoon", sku="SPOON")

    top = admin_api_client.get(URL).json()["top_products"]

    assert [(row["sku"], row["quantity"]) for row in top] == [
        ("MUG", 7),
        ("APRON", 5),
        ("PLATE", 5),
        ("BOWL", 2),
        ("CUP", 1),
    ]
    assert top[0] == {"product_id": str(mug), "sku": "MUG", "name": "Mug", "quantity": 7}
