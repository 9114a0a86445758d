"""Business metrics for /metrics, read from the database at scrape time so they
are right whichever worker answers (see shop_common.metrics)."""

import logging

from django.db import DatabaseError
from django.db.models import Count
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

from orders.models import Order
from orders.status import OrderStatus

logger = logging.getLogger(__name__)


class OrderMetricsCollector:
    """Yields `shop_orders_total{status}` (orders now in each status) and
    `shop_orders_created_total` (orders ever placed: orders are never deleted)."""

    def collect(self):
        try:
            counts = dict(
                Order.objects.order_by().values_list("status").annotate(count=Count("id"))
            )
        except DatabaseError:
            # A scrape must still return the request metrics when the database is down.
            logger.warning("order metrics unavailable: database error", exc_info=True)
            return
        by_status = GaugeMetricFamily(
            "shop_orders_total", "Orders by current status.", labels=["status"]
        )
        for value in OrderStatus.values:
            by_status.add_metric([value], counts.get(value, 0))
        yield by_status
        created = CounterMetricFamily("shop_orders_created", "Orders placed.")
        created.add_metric([], sum(counts.values()))
        yield created
