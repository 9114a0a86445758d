"""The staff summaries the console's dashboard reads: one GET each, with the
admin's token."""

import pytest
from conftest import service_url

from backends.catalog import catalog_low_stock
from backends.errors import BackendRefused
from backends.orders import orders_summary
from backends.payments import payments_summary

CLIENTS = [
    (catalog_low_stock, "catalog", "/products/low-stock"),
    (orders_summary, "order", "/orders/summary"),
    (payments_summary, "payment", "/payment/summary"),
]


@pytest.mark.parametrize(("client", "service", "path"), CLIENTS)
def test_each_summary_is_one_get_with_the_token_returning_the_body(backends, client, service, path):
    backends.get(service_url(service, path), json={"figures": 1})

    assert client(token="admin-token") == {"figures": 1}
    (call,) = backends.calls
    assert call.request.headers["Authorization"] == "Bearer admin-token"


@pytest.mark.parametrize(("client", "service", "path"), CLIENTS)
def test_a_customers_token_is_refused(backends, client, service, path):
    backends.get(service_url(service, path), status=403, json={"detail": "Staff only."})

    with pytest.raises(BackendRefused) as refused:
        client(token="customer-token")

    assert refused.value.status == 403
