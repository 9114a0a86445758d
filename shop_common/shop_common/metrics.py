"""`GET /metrics`: request metrics from django-prometheus plus each service's
business metrics.

Under gunicorn with several workers (`PROMETHEUS_MULTIPROC_DIR` set), request
counters are merged across workers by prometheus_client's multiprocess
collector. Business metrics (orders by status, payments by outcome) are read
from the database at scrape time by the collectors a service lists in
`settings.BUSINESS_METRICS_COLLECTORS`, so they are right whichever worker
answers and survive restarts.
"""

import os

import prometheus_client
from django.conf import settings
from django.http import HttpResponse
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import multiprocess
from prometheus_client.registry import Collector


class _BusinessCollectors(Collector):
    def collect(self):
        for path in getattr(settings, "BUSINESS_METRICS_COLLECTORS", []):
            yield from import_string(path)().collect()


@never_cache
@require_GET
def metrics(request):
    """Returns every metric in Prometheus' text format."""
    registry = prometheus_client.CollectorRegistry()
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        multiprocess.MultiProcessCollector(registry)
    else:
        for collector in list(prometheus_client.REGISTRY._collector_to_names):
            registry.register(collector)
    registry.register(_BusinessCollectors())
    return HttpResponse(
        prometheus_client.generate_latest(registry),
        content_type=prometheus_client.CONTENT_TYPE_LATEST,
    )
