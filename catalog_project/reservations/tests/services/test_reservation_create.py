import uuid

import pytest
from products.tests.factories import ProductFactory

from reservations.exceptions import StockUnavailable
from reservations.models import Reservation, ReservationItem, ReservationStatus
from reservations.services import reservation_create

pytestmark = pytest.mark.django_db


def _stock(product) -> int:
    product.refresh_from_db()
    return product.stock


def test_a_reservation_takes_each_quantity_from_stock():
    mug, plate = ProductFactory(stock=5), ProductFactory(stock=3)
    order_id = uuid.uuid4()

    reservation, created = reservation_create(
        order_id=order_id,
        items=[{"product_id": mug.id, "quantity": 2}, {"product_id": plate.id, "quantity": 3}],
    )

    assert created is True
    assert reservation.status == ReservationStatus.RESERVED
    assert (_stock(mug), _stock(plate)) == (3, 0)
    assert {(i.product_id, i.quantity) for i in reservation.items.all()} == {
        (mug.id, 2),
        (plate.id, 3),
    }


def test_one_short_item_reserves_nothing_at_all():
    plenty, short = ProductFactory(stock=10), ProductFactory(stock=1)

    with pytest.raises(StockUnavailable) as error:
        reservation_create(
            order_id=uuid.uuid4(),
            items=[
                {"product_id": plenty.id, "quantity": 2},
                {"product_id": short.id, "quantity": 2},
            ],
        )

    assert error.value.product_ids == [str(short.id)]
    assert (_stock(plenty), _stock(short)) == (10, 1)
    assert not Reservation.objects.exists()
    assert not ReservationItem.objects.exists()


def test_unknown_and_inactive_products_are_unavailable():
    unknown = uuid.uuid4()
    inactive = ProductFactory(stock=10, is_active=False)
    fine = ProductFactory(stock=10)

    with pytest.raises(StockUnavailable) as error:
        reservation_create(
            order_id=uuid.uuid4(),
            items=[
                {"product_id": unknown, "quantity": 1},
                {"product_id": inactive.id, "quantity": 1},
                {"product_id": fine.id, "quantity": 1},
            ],
        )

    assert error.value.product_ids == [str(unknown), str(inactive.id)]
    assert (_stock(inactive), _stock(fine)) == (10, 10)


def test_the_same_order_again_takes_nothing_more():
    product = ProductFactory(stock=5)
    order_id = uuid.uuid4()
    items = [{"product_id": product.id, "quantity": 2}]
    first, _ = reservation_create(order_id=order_id, items=items)

    again, created = reservation_create(order_id=order_id, items=items)

    assert created is False
    assert again.pk == first.pk
    assert _stock(product) == 3
    assert Reservation.objects.count() == 1


def test_lines_for_the_same_product_are_added_up():
    product = ProductFactory(stock=3)

    with pytest.raises(StockUnavailable):
        reservation_create(
            order_id=uuid.uuid4(),
            items=[{"product_id": product.id, "quantity": 2}] * 2,
        )

    reservation, _ = reservation_create(
        order_id=uuid.uuid4(), items=[{"product_id": product.id, "quantity": 1}] * 3
    )
    assert [(i.product_id, i.quantity) for i in reservation.items.all()] == [(product.id, 3)]
    assert _stock(product) == 0


def test_taking_the_last_unit_leaves_zero():
    product = ProductFactory(stock=1)

    reservation_create(order_id=uuid.uuid4(), items=[{"product_id": product.id, "quantity": 1}])

    assert _stock(product) == 0
