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


# Business collectors live in a registry of their own, so they are exported
# the same way whether request metrics come from one process or many.
_business_registry = prometheus_client.CollectorRegistry()
_business_registry.register(_BusinessCollectors())


@never_cache
@require_GET
def metrics(request):
    """Returns every metric in Prometheus' text format."""
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        registry = prometheus_client.CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = prometheus_client.REGISTRY
    body = prometheus_client.generate_latest(registry) + prometheus_client.generate_latest(
        _business_registry
    )
    return HttpResponse(body, content_type=prometheus_client.CONTENT_TYPE_LATEST)
