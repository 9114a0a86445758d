import uuid
from decimal import Decimal

import pytest

from orders.clients.catalog import (
    catalog_products_get,
    catalog_reservation_create,
    catalog_reservation_release,
)
from orders.exceptions import StockUnavailable
from orders.tests.conftest import catalog_product
from shop_common.errors import ServiceUnavailable


def test_products_are_read_anonymously_in_one_call_per_hundred_ids(stubs):
    known = catalog_product(price="7.50")
    stubs.products([known])
    unknown = uuid.uuid4()
    ids = [uuid.UUID(known["id"]), unknown, *(uuid.uuid4() for _ in range(150))]

    products = catalog_products_get(ids=ids)

    assert list(products) == [uuid.UUID(known["id"])]
    assert products[uuid.UUID(known["id"])].price == Decimal("7.50")
    calls = stubs.calls("GET", "/products")
    assert len(calls) == 2
    assert all("Authorization" not in call.request.headers for call in calls)
    assert "page_size=100" in calls[0].request.url


@pytest.mark.parametrize(
    "price", ["-1.00", "NaN", "1.001", "free", None, "10000000000.00", "1E+30", 1e400]
)
def test_an_unreadable_product_price_means_the_catalog_is_broken(stubs, price):
    product = catalog_product()
    product["price"] = price
    stubs.products([product])

    with pytest.raises(ServiceUnavailable):
        catalog_products_get(ids=[uuid.UUID(product["id"])])


def test_a_refused_reservation_lists_the_catalogs_unavailable_products(stubs):
    missing = str(uuid.uuid4())
    stubs.reservation_conflict([missing])

    with pytest.raises(StockUnavailable) as caught:
        catalog_reservation_create(order_id=uuid.uuid4(), items=[(uuid.UUID(missing), 1)])

    assert caught.value.unavailable == [missing]


def test_a_reservation_answered_with_an_unexpected_status_is_a_catalog_failure(stubs, http):
    http.post(stubs.reservations_url, status=400, json={"items": ["bad"]})

    with pytest.raises(ServiceUnavailable):
        catalog_reservation_create(order_id=uuid.uuid4(), items=[(uuid.uuid4(), 1)])


def test_releasing_an_unknown_reservation_reports_nothing_to_release(stubs):
    stubs.release(status=404)

    assert catalog_reservation_release(order_id=uuid.uuid4()) is False


def test_releasing_a_reservation_reports_it_released(stubs):
    stubs.release()

    assert catalog_reservation_release(order_id=uuid.uuid4()) is True
