"""Reads of the order domain. Every read is scoped to what the user may see;
the staff summary is for admins only (its view checks the role)."""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import CharField, Count, Func, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from orders.exceptions import OrderNotFound
from orders.filters import OrderFilter
from orders.models import Order, OrderLine
from orders.status import SOLD_STATUSES, OrderStatus

SUMMARY_REVENUE_DAYS = 7
SUMMARY_TOP_PRODUCTS = 5
ZERO = Decimal("0.00")


def _order_queryset_visible(*, user) -> QuerySet[Order]:
    # Lines and events come in two extra queries whatever the number of orders.
    queryset = Order.objects.prefetch_related("lines", "events")
    if getattr(user, "is_admin", False):
        return queryset
    return queryset.filter(user_id=user.id)


def order_get(*, order_id: uuid.UUID, user) -> Order:
    """Returns the order with its lines and events when `user` owns it or is an
    admin; raises OrderNotFound (404) otherwise, so existence is not revealed."""
    order = _order_queryset_visible(user=user).filter(pk=order_id).first()
    if order is None:
        raise OrderNotFound()
    return order


def order_list(*, user, filters: dict | None = None) -> QuerySet[Order]:
    """Returns the orders `user` may see (an admin: all), newest first, filtered
    by `status` and `email`. Raises ValidationError (400) for a bad filter value."""
    filterset = OrderFilter(filters or {}, queryset=_order_queryset_visible(user=user))
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset.qs.order_by("-created_at", "-id")


@dataclass(frozen=True)
class DayRevenue:
    date: datetime.date
    total: Decimal


@dataclass(frozen=True)
class ProductSold:
    product_id: uuid.UUID
    sku: str
    name: str
    quantity: int


@dataclass(frozen=True)
class OrderSummary:
    by_status: dict[str, int]
    revenue_last_7_days: list[DayRevenue]
    currency: str
    top_products: list[ProductSold]


class _First(Func):
    """The first element of a PostgreSQL array (arrays count from 1)."""

    template = "(%(expressions)s)[1]"


def _orders_by_status() -> dict[str, int]:
    counts = dict(Order.objects.order_by().values_list("status").annotate(count=Count("id")))
    return {value: counts.get(value, 0) for value in OrderStatus.values}


def _revenue_by_day(*, today: datetime.date) -> list[DayRevenue]:
    first_day = today - datetime.timedelta(days=SUMMARY_REVENUE_DAYS - 1)
    start = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=datetime.UTC)
    end = datetime.datetime.combine(
        today + datetime.timedelta(days=1), datetime.time.min, tzinfo=datetime.UTC
    )
    totals = dict(
        Order.objects.filter(status__in=SOLD_STATUSES, created_at__gte=start, created_at__lt=end)
        .annotate(day=TruncDate("created_at", tzinfo=datetime.UTC))
        .order_by()
        .values_list("day")
        .annotate(total=Sum("total"))
    )
    days = [first_day + datetime.timedelta(days=n) for n in range(SUMMARY_REVENUE_DAYS)]
    return [DayRevenue(date=day, total=totals.get(day, ZERO)) for day in days]


def _top_products() -> list[ProductSold]:
    # Lines are snapshots: a product renamed in the catalog has lines under
    # both names. It is one product (one id), shown with its newest line's
    # SKU and name.
    newest_first = ("-order__created_at", "-order_id")
    rows = (
        OrderLine.objects.filter(order__status__in=SOLD_STATUSES)
        .order_by()
        .values("product_id")
        .annotate(
            quantity=Sum("quantity"),
            sku=_First(ArrayAgg("sku", order_by=newest_first), output_field=CharField()),
            name=_First(ArrayAgg("name", order_by=newest_first), output_field=CharField()),
        )
        .order_by("-quantity", "name", "product_id")[:SUMMARY_TOP_PRODUCTS]
    )
    return [ProductSold(**row) for row in rows]


def order_summary(*, today: datetime.date | None = None) -> OrderSummary:
    """Returns the staff dashboard's figures, in 3 queries whatever the number
    of orders: orders by status (every status, 0 when none), the revenue of
    each of the 7 days ending `today` (UTC, default: now), oldest first, and
    the 5 products sold most.

    Revenue and best sellers count orders in SOLD_STATUSES (paid, shipped,
    delivered: paid and neither refunded nor cancelled), by the UTC day the
    order was placed (`created_at`), and the totals are in the shop currency."""
    today = today or timezone.now().astimezone(datetime.UTC).date()
    return OrderSummary(
        by_status=_orders_by_status(),
        revenue_last_7_days=_revenue_by_day(today=today),
        currency=settings.SHOP_CURRENCY,
        top_products=_top_products(),
    )
