"""The gateway's service client: forwarding chain, timeouts, refusals."""

import pytest
import requests
from conftest import service_url
from django.http import HttpResponse
from django.test import RequestFactory

from backends.catalog import catalog_product_get
from backends.client import ForwardedForMiddleware, GatewayClient, forwarded_for_of
from backends.errors import BackendRefused
from backends.orders import addresses_list, order_create
from shop_common.errors import ServiceUnavailable


def test_the_forwarding_chain_appends_the_address_the_gateway_saw():
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="1.1.1.1")

    assert forwarded_for_of(request) == "1.1.1.1, 198.51.100.4"


def test_without_an_incoming_chain_the_remote_address_alone_is_sent():
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.4")

    assert forwarded_for_of(request) == "198.51.100.4"


def test_calls_made_while_serving_a_request_carry_its_forwarding_chain(backends):
    backends.get(service_url("catalog", "/products/p1"), json={})

    def view(request):
        catalog_product_get(product_id="p1")
        return HttpResponse()

    ForwardedForMiddleware(view)(RequestFactory().get("/", REMOTE_ADDR="203.0.113.8"))

    assert backends.calls[0].request.headers["X-Forwarded-For"] == "203.0.113.8"


def test_calls_made_outside_a_request_carry_no_forwarding_chain(backends):
    backends.get(service_url("catalog", "/products/p1"), json={})

    catalog_product_get(product_id="p1")

    assert "X-Forwarded-For" not in backends.calls[0].request.headers


def test_a_4xx_is_refused_with_the_services_messages(backends):
    backends.get(
        service_url("catalog", "/products/p1"), json={"detail": "No Product matches."}, status=404
    )

    with pytest.raises(BackendRefused) as refused:
        catalog_product_get(product_id="p1")

    assert refused.value.status == 404
    assert refused.value.messages == ["No Product matches."]


def test_an_unreachable_service_is_service_unavailable(backends):
    backends.get(service_url("catalog", "/products/p1"), body=requests.ConnectionError())

    with pytest.raises(ServiceUnavailable):
        catalog_product_get(product_id="p1")


def test_a_write_waits_longer_for_the_answer_than_a_read(backends, settings, monkeypatch):
    settings.SERVICE_TIMEOUT_SECONDS = 2.0
    settings.API_PROXY_TIMEOUT_SECONDS = 9.0
    seen = []
    original = requests.Session.request

    def spy(self, method, url, **kwargs):
        seen.append((method, kwargs["timeout"]))
        return original(self, method, url, **kwargs)

    monkeypatch.setattr(requests.Session, "request", spy)
    backends.get(service_url("catalog", "/products/p1"), json={})
    backends.post(service_url("order", "/order/create"), json={}, status=201)

    catalog_product_get(product_id="p1")
    order_create(token="t", address_id="a1")

    assert seen == [("GET", 2.0), ("POST", (2.0, 9.0))]


def test_the_body_of_a_204_is_none(backends):
    backends.delete(service_url("cart", "/cart"), status=204)
    client = GatewayClient("cart")

    assert client.body(client.delete("/cart"), ok=(204,)) is None


def test_a_page_without_results_is_an_outage_not_a_crash(backends):
    backends.get(service_url("order", "/addresses"), json={"count": 1})

    with pytest.raises(ServiceUnavailable):
        addresses_list(token="t")
