import pytest

from orders.exceptions import OrderStatusIllegal
from orders.services import order_staff_status_set, order_status_change
from orders.status import OrderStatus
from orders.tests.factories import OrderFactory

pytestmark = pytest.mark.django_db


def test_a_legal_change_updates_the_order_and_writes_one_event():
    order = OrderFactory(status=OrderStatus.PAID)

    changed = order_status_change(
        order=order, to_status=OrderStatus.SHIPPED, actor="staff:a@example.com", note="Box 7"
    )

    assert changed.status == OrderStatus.SHIPPED
    order.refresh_from_db()
    assert order.status == OrderStatus.SHIPPED
    event = order.events.last()
    assert (event.from_status, event.to_status, event.actor, event.note) == (
        "paid",
        "shipped",
        "staff:a@example.com",
        "Box 7",
    )


def test_a_change_reads_the_current_status_not_a_stale_copy():
    order = OrderFactory(status=OrderStatus.PAID)
    stale = type(order).objects.get(pk=order.pk)
    order_status_change(order=order, to_status=OrderStatus.SHIPPED, actor="staff:a")

    with pytest.raises(OrderStatusIllegal):
        order_status_change(order=stale, to_status=OrderStatus.SHIPPED, actor="staff:b")

    assert order.events.filter(to_status=OrderStatus.SHIPPED).count() == 1


def test_an_illegal_change_raises_and_writes_nothing():
    order = OrderFactory(status=OrderStatus.CANCELLED)

    with pytest.raises(OrderStatusIllegal):
        order_status_change(order=order, to_status=OrderStatus.PAID, actor="service:payment")

    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert order.events.count() == 1


def test_staff_may_not_set_a_payment_status_even_where_the_machine_allows_it():
    order = OrderFactory(status=OrderStatus.PENDING_PAYMENT)

    with pytest.raises(OrderStatusIllegal):
        order_staff_status_set(order=order, to_status=OrderStatus.PAID, actor="staff:a")

    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
