import uuid

import pytest
from products.models import Product
from products.tests.factories import ProductFactory

from reservations.exceptions import ReservationNotFound
from reservations.models import ReservationStatus
from reservations.services import reservation_create, reservation_release

pytestmark = pytest.mark.django_db


def _stock(product) -> int:
    product.refresh_from_db()
    return product.stock


def test_a_release_puts_back_exactly_what_was_taken():
    mug, plate = ProductFactory(stock=5), ProductFactory(stock=5)
    order_id = uuid.uuid4()
    reservation_create(
        order_id=order_id,
        items=[{"product_id": mug.id, "quantity": 2}, {"product_id": plate.id, "quantity": 1}],
    )

    reservation = reservation_release(order_id=order_id)

    assert reservation.status == ReservationStatus.RELEASED
    assert reservation.released_at is not None
    assert (_stock(mug), _stock(plate)) == (5, 5)


def test_a_second_release_puts_nothing_back():
    product = ProductFactory(stock=5)
    order_id = uuid.uuid4()
    reservation_create(order_id=order_id, items=[{"product_id": product.id, "quantity": 2}])

    reservation_release(order_id=order_id)
    reservation_release(order_id=order_id)

    assert _stock(product) == 5


def test_a_release_keeps_stock_changes_made_since():
    product = ProductFactory(stock=5)
    order_id = uuid.uuid4()
    reservation_create(order_id=order_id, items=[{"product_id": product.id, "quantity": 2}])
    Product.objects.filter(pk=product.pk).update(stock=10)

    reservation_release(order_id=order_id)

    assert _stock(product) == 12


def test_releasing_for_a_product_deleted_since_puts_back_the_rest():
    kept, deleted = ProductFactory(stock=5), ProductFactory(stock=5)
    order_id = uuid.uuid4()
    reservation_create(
        order_id=order_id,
        items=[{"product_id": kept.id, "quantity": 1}, {"product_id": deleted.id, "quantity": 1}],
    )
    deleted.delete()

    reservation = reservation_release(order_id=order_id)

    assert reservation.status == ReservationStatus.RELEASED
    assert _stock(kept) == 5


def test_an_inactive_product_gets_its_stock_back_too():
    product = ProductFactory(stock=5)
    order_id = uuid.uuid4()
    reservation_create(order_id=order_id, items=[{"product_id": product.id, "quantity": 2}])
    Product.objects.filter(pk=product.pk).update(is_active=False)

    reservation_release(order_id=order_id)

    assert _stock(product) == 5


def test_releasing_an_unknown_order_raises_not_found():
    with pytest.raises(ReservationNotFound):
        reservation_release(order_id=uuid.uuid4())


def test_a_released_order_id_cannot_reserve_again():
    product = ProductFactory(stock=5)
    order_id = uuid.uuid4()
    reservation_create(order_id=order_id, items=[{"product_id": product.id, "quantity": 2}])
    reservation_release(order_id=order_id)

    reservation, created = reservation_create(
        order_id=order_id, items=[{"product_id": product.id, "quantity": 2}]
    )

    assert created is False
    assert reservation.status == ReservationStatus.RELEASED
    assert _stock(product) == 5
