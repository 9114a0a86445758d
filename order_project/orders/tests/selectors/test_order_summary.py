"""orders.selectors.order_summary: the windows and rules behind the dashboard."""

import datetime
import uuid
from decimal import Decimal

import pytest

from orders.selectors import order_summary
from orders.status import OrderStatus
from orders.tests.factories import OrderFactory, OrderLineFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 3, 10)


def _at(day: datetime.date, hour: int = 12, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=datetime.UTC)


def _day(offset: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=offset)


def test_revenue_is_per_utc_day_over_the_seven_days_ending_today_oldest_first():
    OrderFactory(status=OrderStatus.PAID, total=Decimal("10.00"), created_at=_at(TODAY, 0, 0))
    OrderFactory(status=OrderStatus.SHIPPED, total=Decimal("2.50"), created_at=_at(TODAY, 23, 59))
    OrderFactory(status=OrderStatus.DELIVERED, total=Decimal("1.01"), created_at=_at(_day(6), 0))
    # Outside the window: before the first day, and tomorrow.
    OrderFactory(status=OrderStatus.PAID, total=Decimal("100.00"), created_at=_at(_day(7), 23, 59))
    OrderFactory(status=OrderStatus.PAID, total=Decimal("100.00"), created_at=_at(_day(-1), 0, 0))

    revenue = order_summary(today=TODAY).revenue_last_7_days

    assert [day.date for day in revenue] == [_day(n) for n in range(6, -1, -1)]
    assert [day.total for day in revenue] == [
        Decimal("1.01"),
        *[Decimal("0.00")] * 5,
        Decimal("12.50"),
    ]


def test_a_day_is_a_utc_day_whatever_the_offset_the_order_was_placed_in():
    almaty = datetime.timezone(datetime.timedelta(hours=5))
    # 02:00 on the 10th in Almaty is 21:00 on the 9th in UTC.
    placed = datetime.datetime.combine(TODAY, datetime.time(2, 0), tzinfo=almaty)
    OrderFactory(status=OrderStatus.PAID, total=Decimal("7.00"), created_at=placed)

    revenue = {day.date: day.total for day in order_summary(today=TODAY).revenue_last_7_days}

    assert revenue[_day(1)] == Decimal("7.00")
    assert revenue[TODAY] == Decimal("0.00")


@pytest.mark.parametrize(
    "status",
    [
        OrderStatus.PENDING_PAYMENT,
        OrderStatus.PAYMENT_FAILED,
        OrderStatus.CANCELLED,
        OrderStatus.REFUNDED,
    ],
)
def test_revenue_leaves_out_orders_not_paid_or_whose_money_went_back(status):
    OrderFactory(status=status, total=Decimal("50.00"), created_at=_at(TODAY))

    revenue = order_summary(today=TODAY).revenue_last_7_days

    assert all(day.total == Decimal("0.00") for day in revenue)


def test_a_renamed_product_is_one_row_under_its_newest_name():
    product_id = uuid.uuid4()
    for day, name, sku in [(_day(3), "Old mug", "MUG-OLD"), (_day(1), "New mug", "MUG-NEW")]:
        order = OrderFactory(status=OrderStatus.PAID, line=None, created_at=_at(day))
        OrderLineFactory(order=order, product_id=product_id, quantity=2, name=name, sku=sku)

    top = order_summary(today=TODAY).top_products

    assert len(top) == 1
    assert (top[0].product_id, top[0].sku, top[0].name, top[0].quantity) == (
        product_id,
        "MUG-NEW",
        "New mug",
        4,
    )


def test_the_currency_is_the_shop_currency(settings):
    settings.SHOP_CURRENCY = "USD"

    assert order_summary(today=TODAY).currency == "USD"
