from rest_framework.test import APIClient


def test_healthz_answers_ok():
    response = APIClient().get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_fails_with_503_when_a_check_fails(settings):
    settings.READINESS_CHECKS = ["shop_common.health.redis_check"]
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }

    response = APIClient().get("/readyz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failed": ["redis"]}


def test_metrics_are_in_prometheus_format():
    APIClient().get("/healthz")

    response = APIClient().get("/metrics")

    assert response.status_code == 200
    assert b"django_http_requests" in response.content or b"python_info" in response.content


def test_the_schema_and_offline_docs_are_served():
    assert APIClient().get("/api/schema/").status_code == 200
    docs = APIClient().get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content


class _OrdersCollector:
    def collect(self):
        from prometheus_client.core import GaugeMetricFamily

        family = GaugeMetricFamily("shop_test_orders", "Orders by status.", labels=["status"])
        family.add_metric(["paid"], 3)
        yield family


def test_metrics_include_the_services_business_collectors(settings):
    settings.BUSINESS_METRICS_COLLECTORS = ["tests.test_health._OrdersCollector"]

    response = APIClient().get("/metrics")

    assert b'shop_test_orders{status="paid"} 3.0' in response.content


def test_metrics_merge_gunicorn_workers_in_multiprocess_mode(tmp_path, monkeypatch, settings):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    settings.BUSINESS_METRICS_COLLECTORS = ["tests.test_health._OrdersCollector"]

    response = APIClient().get("/metrics")

    assert response.status_code == 200
    assert b"shop_test_orders" in response.content
