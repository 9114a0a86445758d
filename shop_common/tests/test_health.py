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
