import pytest
import requests
from conftest import TIMEOUT, url

SERVICES = ["auth", "catalog", "cart", "order", "payment", "gateway"]


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_is_live_and_ready(service):
    assert requests.get(url(service) + "/healthz", timeout=TIMEOUT).status_code == 200
    assert requests.get(url(service) + "/readyz", timeout=TIMEOUT).status_code == 200


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_echoes_the_request_id(service):
    response = requests.get(
        url(service) + "/healthz", headers={"X-Request-ID": "e2e-trace-1"}, timeout=TIMEOUT
    )

    assert response.headers["X-Request-ID"] == "e2e-trace-1"


@pytest.mark.parametrize("service", ["auth", "catalog", "cart", "order", "payment"])
def test_every_api_service_serves_its_schema_and_metrics(service):
    assert requests.get(url(service) + "/api/schema/", timeout=TIMEOUT).status_code == 200
    metrics = requests.get(url(service) + "/metrics", timeout=TIMEOUT)
    assert metrics.status_code == 200
    assert "django_http_requests" in metrics.text
