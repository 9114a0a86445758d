import pytest
import requests
import responses
from rest_framework.test import APIClient

from shop_common.errors import ServiceUnavailable
from shop_common.http_client import ServiceClient
from shop_common.service_tokens import SCHEME


@responses.activate
def test_a_call_forwards_the_request_id_and_a_service_credential():
    responses.get("http://catalog.test/products", json={"results": []})

    response = APIClient().get("/calls-catalog", HTTP_X_REQUEST_ID="rid-7")

    assert response.json() == {"upstream_status": 200}
    sent = responses.calls[0].request
    assert sent.headers["X-Request-ID"] == "rid-7"
    assert sent.headers["Authorization"].startswith(f"{SCHEME} ")


@responses.activate
def test_a_connection_failure_is_503_with_json():
    responses.get("http://catalog.test/products", body=requests.ConnectionError("refused"))

    response = APIClient().get("/calls-catalog")

    assert response.status_code == 503
    assert "catalog" in response.json()["detail"]


@responses.activate
def test_a_timeout_is_503():
    responses.get("http://catalog.test/products", body=requests.Timeout("slow"))

    assert APIClient().get("/calls-catalog").status_code == 503


@responses.activate
def test_an_upstream_5xx_is_503():
    responses.get("http://catalog.test/products", status=500, json={"detail": "boom"})

    assert APIClient().get("/calls-catalog").status_code == 503


@responses.activate
def test_an_upstream_4xx_is_returned_to_the_caller():
    responses.get("http://catalog.test/products", status=404, json={"detail": "nope"})

    assert APIClient().get("/calls-catalog").json() == {"upstream_status": 404}


def test_an_unreadable_or_absurdly_nested_body_is_service_unavailable():
    client = ServiceClient("catalog")
    for body in (b"{not json", b"[" * 100_000 + b"]" * 100_000):
        response = requests.Response()
        response._content = body
        response.status_code = 200
        with pytest.raises(ServiceUnavailable):
            client.json_of(response)
