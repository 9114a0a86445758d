"""Unpaid orders expire (DESIGN.md §5): cancelled by the system after
ORDER_PAYMENT_TIMEOUT_SECONDS, their stock back at the catalog."""

import datetime
import hashlib
import threading
import time

import pytest
import responses
from django.db import connection
from django.utils import timezone

from orders.models import AcceptedCallbackSignature, Order, OrderEvent
from orders.services import (
    SIGNATURE_KEEP_SECONDS,
    SYSTEM_ACTOR,
    ExpiryPass,
    callback_signatures_prune,
    order_expire_due,
)
from orders.status import OrderStatus
from orders.tests.factories import OrderFactory

NOW = timezone.now()
TIMEOUT = datetime.timedelta(minutes=30)


def _placed(ago: datetime.timedelta, **fields) -> Order:
    return OrderFactory(created_at=NOW - ago, **fields)


def _expired(**fields) -> Order:
    return _placed(TIMEOUT + datetime.timedelta(seconds=1), **fields)


@pytest.mark.django_db
@pytest.mark.parametrize("status", [OrderStatus.PENDING_PAYMENT, OrderStatus.PAYMENT_FAILED])
def test_an_order_unpaid_past_the_timeout_is_cancelled_by_the_system_and_its_stock_released(
    stubs, status
):
    stubs.release()
    order = _expired(status=status)

    result = order_expire_due(now=NOW)

    assert result == ExpiryPass(expired=1, failed=0)
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    event = order.events.last()
    assert (event.from_status, event.to_status, event.actor) == (
        status,
        OrderStatus.CANCELLED,
        SYSTEM_ACTOR,
    )
    assert event.note == "Not paid within 30 minutes."
    assert stubs.released_order_ids() == [str(order.id)]
    [release] = stubs.calls("POST", "/release")
    assert release.request.headers["Authorization"].startswith("Service ")


@pytest.mark.django_db
def test_an_order_younger_than_the_timeout_is_kept(stubs):
    order = _placed(TIMEOUT - datetime.timedelta(seconds=1))

    result = order_expire_due(now=NOW)

    assert result == ExpiryPass(expired=0, failed=0)
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert len(stubs.mock.calls) == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status",
    [
        OrderStatus.PAID,
        OrderStatus.SHIPPED,
        OrderStatus.DELIVERED,
        OrderStatus.CANCELLED,
        OrderStatus.REFUNDED,
    ],
)
def test_old_orders_no_longer_awaiting_payment_are_left_alone(stubs, status):
    order = _expired(status=status)

    order_expire_due(now=NOW)

    order.refresh_from_db()
    assert order.status == status
    assert order.events.count() == 1
    assert len(stubs.mock.calls) == 0


@pytest.mark.django_db
def test_the_timeout_comes_from_the_setting(stubs, settings):
    settings.ORDER_PAYMENT_TIMEOUT_SECONDS = 90
    stubs.release()
    old = _placed(datetime.timedelta(seconds=91))
    young = _placed(datetime.timedelta(seconds=89))

    order_expire_due(now=NOW)

    assert Order.objects.get(pk=old.pk).status == OrderStatus.CANCELLED
    assert Order.objects.get(pk=young.pk).status == OrderStatus.PENDING_PAYMENT
    assert old.events.last().note == "Not paid within 90 seconds."


@pytest.mark.django_db
def test_a_pass_expires_at_most_its_limit_oldest_first(stubs):
    stubs.release()
    orders = [_expired() for _ in range(3)]
    Order.objects.filter(pk=orders[0].pk).update(created_at=NOW - TIMEOUT * 3)

    result = order_expire_due(now=NOW, limit=2)

    assert result == ExpiryPass(expired=2, failed=0)
    statuses = [Order.objects.get(pk=o.pk).status for o in orders]
    assert statuses.count(OrderStatus.CANCELLED) == 2
    assert Order.objects.get(pk=orders[0].pk).status == OrderStatus.CANCELLED


@pytest.mark.django_db
def test_an_order_whose_stock_cannot_be_released_stays_and_does_not_block_the_others(stubs, http):
    stuck = _expired()
    Order.objects.filter(pk=stuck.pk).update(created_at=NOW - TIMEOUT * 2)
    other = _expired()
    http.post(f"{stubs.catalog}/internal/reservations/{stuck.id}/release", status=503)
    http.post(f"{stubs.catalog}/internal/reservations/{other.id}/release", json={})

    result = order_expire_due(now=NOW)

    assert result == ExpiryPass(expired=1, failed=1)
    stuck.refresh_from_db()
    assert stuck.status == OrderStatus.PENDING_PAYMENT
    assert stuck.events.count() == 1
    assert Order.objects.get(pk=other.pk).status == OrderStatus.CANCELLED
    # Tried once in the pass, not again and again.
    assert len(stubs.calls("POST", f"{stuck.id}/release")) == 1


@pytest.mark.django_db
def test_a_pass_stops_between_orders_when_asked(stubs):
    stubs.release()
    _expired()
    _expired()
    asked = []

    def should_stop() -> bool:
        asked.append(1)
        return len(asked) > 1

    result = order_expire_due(now=NOW, should_stop=should_stop)

    assert result == ExpiryPass(expired=1, failed=0)


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_cancel_each_order_exactly_once(stubs, http):
    orders = [_expired() for _ in range(12)]
    released: list[str] = []
    lock = threading.Lock()

    def slow_release(request):
        # Long enough for the other worker to come by while this row is locked.
        time.sleep(0.05)
        with lock:
            released.append(request.url.rsplit("/", 2)[-2])
        return 200, {}, "{}"

    http.add_callback(responses.POST, stubs.release_url, callback=slow_release)
    barrier = threading.Barrier(2)
    results: list = [None, None]

    def work(index: int) -> None:
        try:
            barrier.wait()
            results[index] = order_expire_due(now=NOW)
        except Exception as exc:  # the outcome under test, recorded per thread
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert all(isinstance(result, ExpiryPass) for result in results), results
    assert sum(result.expired for result in results) == len(orders)
    # Both took part: SKIP LOCKED let each pass the other's rows by.
    assert all(result.expired > 0 for result in results), results
    assert sorted(released) == sorted(str(order.id) for order in orders)
    assert set(Order.objects.values_list("status", flat=True)) == {OrderStatus.CANCELLED}
    cancel_events = OrderEvent.objects.filter(to_status=OrderStatus.CANCELLED)
    assert cancel_events.count() == len(orders)
    assert set(cancel_events.values_list("actor", flat=True)) == {SYSTEM_ACTOR}


@pytest.mark.django_db
def test_prune_deletes_the_signatures_too_old_to_be_replayed_and_keeps_the_others():
    def signature(age_seconds: float) -> AcceptedCallbackSignature:
        return AcceptedCallbackSignature.objects.create(
            digest=hashlib.sha256(str(age_seconds).encode()).hexdigest(),
            signed_at=NOW - datetime.timedelta(seconds=age_seconds),
            order_id=OrderFactory().id,
        )

    gone = signature(SIGNATURE_KEEP_SECONDS + 1)
    kept = [signature(SIGNATURE_KEEP_SECONDS - 1), signature(0), signature(-300)]

    assert callback_signatures_prune(now=NOW) == 1

    assert not AcceptedCallbackSignature.objects.filter(pk=gone.pk).exists()
    assert set(AcceptedCallbackSignature.objects.values_list("pk", flat=True)) == {
        row.pk for row in kept
    }


def test_signatures_are_kept_longer_than_they_could_pass_the_freshness_check():
    from shop_common.webhooks import DEFAULT_TOLERANCE_SECONDS

    assert SIGNATURE_KEEP_SECONDS > DEFAULT_TOLERANCE_SECONDS
