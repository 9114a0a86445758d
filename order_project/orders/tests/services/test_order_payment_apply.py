import threading
import uuid

import pytest
from django.db import connection

from orders.exceptions import OrderNotFound, PaymentMismatch
from orders.services import order_payment_apply
from orders.status import OrderStatus
from orders.tests.factories import OrderFactory


@pytest.mark.django_db(transaction=True)
def test_concurrent_deliveries_of_one_payment_mark_the_order_paid_once():
    order = OrderFactory()
    payment_id = uuid.uuid4()
    start = threading.Barrier(4)
    errors = []

    def deliver():
        try:
            start.wait()
            order_payment_apply(
                order_id=order.id, payment_id=payment_id, outcome="succeeded", amount=order.total
            )
        except Exception as exc:  # collected for the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert order.events.filter(to_status=OrderStatus.PAID).count() == 1


@pytest.mark.django_db
def test_applying_a_payment_to_an_unknown_order_raises_not_found():
    with pytest.raises(OrderNotFound):
        order_payment_apply(
            order_id=uuid.uuid4(), payment_id=uuid.uuid4(), outcome="failed", amount=1
        )


@pytest.mark.django_db
def test_a_failed_payment_records_which_payment_failed():
    order = OrderFactory()
    payment_id = uuid.uuid4()

    order_payment_apply(
        order_id=order.id, payment_id=payment_id, outcome="failed", amount=order.total
    )

    order.refresh_from_db()
    assert (order.status, order.payment_id) == (OrderStatus.PAYMENT_FAILED, payment_id)


@pytest.mark.django_db
def test_a_mismatched_amount_is_refused_before_any_change():
    order = OrderFactory()

    with pytest.raises(PaymentMismatch):
        order_payment_apply(
            order_id=order.id, payment_id=uuid.uuid4(), outcome="succeeded", amount=order.total + 1
        )

    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert order.payment_id is None
