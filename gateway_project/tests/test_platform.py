"""The gateway is still bare (its storefront and /api proxy are a later
issue); what it has must already behave like every other service."""

from django.test import Client


def test_healthz_answers_without_io():
    response = Client().get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_ready_with_no_store_to_check():
    assert Client().get("/readyz").json() == {"status": "ok"}


def test_an_unknown_path_is_a_json_404_with_the_request_id():
    response = Client().get("/no/such/page", HTTP_X_REQUEST_ID="gw-1")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert response["X-Request-ID"] == "gw-1"


def test_metrics_are_served_in_prometheus_format():
    response = Client().get("/metrics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
