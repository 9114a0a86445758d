"""Liveness, readiness and metrics views, the same on every service."""

import logging

from django.conf import settings
from django.db import connections
from django.http import JsonResponse
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """Liveness: the process answers. No I/O."""
    return JsonResponse({"status": "ok"})


def database_check() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")


def redis_check() -> None:
    from django_redis import get_redis_connection

    get_redis_connection("default").ping()


@never_cache
@require_GET
def readyz(request):
    """Readiness: every store in `settings.READINESS_CHECKS` answers; 503 if not."""
    failed = []
    for path in settings.READINESS_CHECKS:
        try:
            import_string(path)()
        except Exception:  # any failure of a store means "not ready"
            logger.warning("readiness check failed: %s", path, exc_info=True)
            failed.append(path.rsplit(".", 1)[-1].removesuffix("_check"))
    if failed:
        return JsonResponse({"status": "unavailable", "failed": failed}, status=503)
    return JsonResponse({"status": "ok"})
