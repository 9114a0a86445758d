import logging
import re

import pytest
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


@pytest.mark.parametrize(
    "unsafe",
    ["abc\n", "abc\r\n", "\nabc", "abc def", "x" * 129, "caf\xc3\xa9", ""],
    ids=["trailing-lf", "trailing-crlf", "leading-lf", "space", "too-long", "non-ascii", "empty"],
)
def test_a_request_id_not_wholly_of_the_safe_shape_is_replaced_by_a_fresh_one(unsafe):
    response = APIClient().get("/healthz", HTTP_X_REQUEST_ID=unsafe)

    assert response["X-Request-ID"] != unsafe
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_a_request_id_of_the_longest_safe_shape_is_kept():
    safe = "A-z0.9_:" * 16

    response = APIClient().get("/healthz", HTTP_X_REQUEST_ID=safe)

    assert response["X-Request-ID"] == safe


def test_log_records_carry_the_request_id(caplog):
    caplog.set_level(logging.WARNING)

    APIClient().get("/no/such/page", HTTP_X_REQUEST_ID="trace-42")

    records = [r for r in caplog.records if getattr(r, "request_id", None) == "trace-42"]
    assert records, "the 404 warning should be logged with the request id"
