"""Real threads, each with its own database connection, against real row locks."""

import threading
import uuid

import pytest
from django.db import connection
from products.models import Product
from products.tests.factories import ProductFactory

from reservations.exceptions import StockUnavailable
from reservations.models import Reservation, ReservationItem
from reservations.services import reservation_create, reservation_release

pytestmark = pytest.mark.django_db(transaction=True)


def _run_together(count: int, work) -> list:
    """Runs `work(index)` in `count` threads released at once; returns the outcomes."""
    barrier = threading.Barrier(count)
    outcomes: list = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = work(index)
        except Exception as exc:  # the outcome under test, recorded per thread
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_twenty_concurrent_checkouts_against_stock_five_take_exactly_five():
    product = ProductFactory(stock=5)

    outcomes = _run_together(
        20,
        lambda _: reservation_create(
            order_id=uuid.uuid4(), items=[{"product_id": product.id, "quantity": 1}]
        ),
    )

    successes = [o for o in outcomes if isinstance(o, tuple)]
    refusals = [o for o in outcomes if isinstance(o, StockUnavailable)]
    assert (len(successes), len(refusals)) == (5, 15)
    product.refresh_from_db()
    assert product.stock == 0
    assert sum(ReservationItem.objects.values_list("quantity", flat=True)) == 5


def test_checkouts_locking_the_same_products_in_opposite_orders_do_not_deadlock():
    first, second = ProductFactory(stock=100), ProductFactory(stock=100)

    def work(index: int):
        pair = [first, second] if index % 2 else [second, first]
        return reservation_create(
            order_id=uuid.uuid4(),
            items=[{"product_id": p.id, "quantity": 1} for p in pair],
        )

    outcomes = _run_together(20, work)

    assert all(isinstance(o, tuple) for o in outcomes), outcomes
    assert list(Product.objects.order_by("sku").values_list("stock", flat=True)) == [80, 80]


def test_the_same_order_sent_concurrently_reserves_once():
    product = ProductFactory(stock=10)
    order_id = uuid.uuid4()

    outcomes = _run_together(
        10,
        lambda _: reservation_create(
            order_id=order_id, items=[{"product_id": product.id, "quantity": 2}]
        ),
    )

    assert all(isinstance(o, tuple) for o in outcomes), outcomes
    assert sum(created for _, created in outcomes) == 1
    product.refresh_from_db()
    assert product.stock == 8
    assert Reservation.objects.count() == 1


def test_concurrent_releases_put_the_stock_back_once():
    product = ProductFactory(stock=5)
    order_id = uuid.uuid4()
    reservation_create(order_id=order_id, items=[{"product_id": product.id, "quantity": 3}])

    outcomes = _run_together(10, lambda _: reservation_release(order_id=order_id))

    assert not [o for o in outcomes if isinstance(o, Exception)]
    product.refresh_from_db()
    assert product.stock == 5
