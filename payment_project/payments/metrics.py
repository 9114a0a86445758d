"""Business metrics on /metrics, read from the database at scrape time so
every gunicorn worker answers the same and restarts lose nothing."""

from collections.abc import Iterator

from django.db.models import Count
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric

from payments.models import (
    CallbackOutbox,
    CallbackStatus,
    Payment,
    PaymentStatus,
    PaymentTransaction,
    TransactionKind,
    TransactionStatus,
)


def _counts_by_status(model, statuses: list[str]) -> dict[str, int]:
    counts = dict.fromkeys(statuses, 0)
    for row in model.objects.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


class PaymentMetricsCollector:
    """`shop_payments_total{status}`: payments by current status (a refunded
    payment moves from succeeded to refunded, hence a gauge);
    `shop_refunds_total`: refunds made; `shop_payment_callbacks{status}`: the
    outbox, whose pending count is the order service's backlog."""

    def collect(self) -> Iterator[Metric]:
        payments = GaugeMetricFamily(
            "shop_payments_total", "Payments by status.", labels=["status"]
        )
        for status, count in _counts_by_status(Payment, PaymentStatus.values).items():
            payments.add_metric([status], count)
        yield payments

        refunds = CounterMetricFamily("shop_refunds", "Refunds made.")
        refunds.add_metric(
            [],
            PaymentTransaction.objects.filter(
                kind=TransactionKind.REFUND, status=TransactionStatus.SUCCEEDED
            ).count(),
        )
        yield refunds

        callbacks = GaugeMetricFamily(
            "shop_payment_callbacks", "Callbacks to the order service by status.", labels=["status"]
        )
        for status, count in _counts_by_status(CallbackOutbox, CallbackStatus.values).items():
            callbacks.add_metric([status], count)
        yield callbacks
