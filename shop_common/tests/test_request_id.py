import logging

from rest_framework.test import APIClient


def test_a_given_request_id_is_echoed():
    response = APIClient().get("/healthz", HTTP_X_REQUEST_ID="abc-123")

    assert response["X-Request-ID"] == "abc-123"


def test_a_request_id_is_generated_when_missing():
    response = APIClient().get("/healthz")

    assert len(response["X-Request-ID"]) == 32


def test_an_unsafe_request_id_is_replaced():
    response = APIClient().get("/healthz", HTTP_X_REQUEST_ID="evil\r\nheader")

    assert response["X-Request-ID"] != "evil\r\nheader"
    assert "\n" not in response["X-Request-ID"]


def test_log_records_carry_the_request_id(caplog):
    caplog.set_level(logging.WARNING)

    APIClient().get("/no/such/page", HTTP_X_REQUEST_ID="trace-42")

    records = [r for r in caplog.records if getattr(r, "request_id", None) == "trace-42"]
    assert records, "the 404 warning should be logged with the request id"
