"""A user holds at most UNPAID_ORDERS_MAX unpaid orders (DESIGN.md §5): the
sixth checkout is refused before the cart or the catalog is called."""

import threading
import uuid

import pytest
from django.db import connection

from orders.exceptions import UnpaidOrdersLimit
from orders.models import Order
from orders.services import UNPAID_ORDERS_MAX, order_create
from orders.status import OrderStatus
from orders.tests.conftest import cart_line, catalog_product
from orders.tests.factories import OrderFactory

TOKEN = "user-token"


def _checkout(customer, address, **kwargs):
    return order_create(
        user_id=customer.id,
        email=customer.email,
        actor=f"customer:{customer.id}",
        user_token=TOKEN,
        shipping_address=address,
        **kwargs,
    )


@pytest.fixture
def cart(stubs):
    product = catalog_product(price="19.90", stock=10)
    stubs.cart([cart_line(product=product, quantity=1)])
    stubs.products([product])
    stubs.reservation()
    stubs.release()
    stubs.cart_clear()
    return product


def _unpaid(customer, count: int, status=OrderStatus.PENDING_PAYMENT) -> list[Order]:
    return OrderFactory.create_batch(count, user_id=customer.id, status=status)


@pytest.mark.django_db
def test_the_sixth_unpaid_order_is_refused_before_the_cart_or_catalog_is_called(
    stubs, cart, customer, shipping_address
):
    _unpaid(customer, 3)
    _unpaid(customer, 2, status=OrderStatus.PAYMENT_FAILED)

    with pytest.raises(UnpaidOrdersLimit) as refused:
        _checkout(customer, shipping_address)

    assert refused.value.status_code == 409
    assert "5 orders awaiting payment" in str(refused.value.detail)
    assert len(stubs.mock.calls) == 0
    assert Order.objects.filter(user_id=customer.id).count() == UNPAID_ORDERS_MAX


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status",
    [OrderStatus.PAID, OrderStatus.CANCELLED, OrderStatus.SHIPPED, OrderStatus.REFUNDED],
)
def test_orders_no_longer_awaiting_payment_do_not_count(
    stubs, cart, customer, shipping_address, status
):
    _unpaid(customer, UNPAID_ORDERS_MAX - 1)
    _unpaid(customer, 3, status=status)

    order, created = _checkout(customer, shipping_address)

    assert created is True
    assert order.status == OrderStatus.PENDING_PAYMENT


@pytest.mark.django_db
def test_another_users_unpaid_orders_do_not_count(stubs, cart, customer, shipping_address):
    OrderFactory.create_batch(UNPAID_ORDERS_MAX, user_id=uuid.uuid4())

    _order, created = _checkout(customer, shipping_address)

    assert created is True


@pytest.mark.django_db
def test_a_used_idempotency_key_still_returns_its_order_at_the_limit(
    stubs, cart, customer, shipping_address
):
    first, _ = _checkout(customer, shipping_address, idempotency_key="key-1")
    _unpaid(customer, UNPAID_ORDERS_MAX - 1)

    again, created = _checkout(customer, shipping_address, idempotency_key="key-1")

    assert (again.pk, created) == (first.pk, False)
    assert len(stubs.reserved_order_ids()) == 1


@pytest.mark.django_db
def test_an_order_reaching_the_limit_while_this_one_reserves_is_refused_at_save(
    stubs, customer, shipping_address, http
):
    # The early check passes at 4; a concurrent checkout commits the fifth
    # while this one reserves: the save, under the user's lock, refuses it.
    _unpaid(customer, UNPAID_ORDERS_MAX - 1)
    product = catalog_product(price="19.90", stock=10)
    stubs.cart([cart_line(product=product, quantity=1)])
    stubs.products([product])

    def reserve_while_another_checkout_commits(request):
        OrderFactory(user_id=customer.id)
        return 201, {}, "{}"

    http.add_callback("POST", stubs.reservations_url, reserve_while_another_checkout_commits)
    stubs.release()

    with pytest.raises(UnpaidOrdersLimit):
        _checkout(customer, shipping_address)

    assert stubs.released_order_ids() == stubs.reserved_order_ids()
    assert stubs.calls("DELETE", "/cart") == []
    assert Order.objects.filter(user_id=customer.id).count() == UNPAID_ORDERS_MAX


@pytest.mark.django_db
def test_the_same_key_racing_at_the_limit_answers_the_winners_order(
    stubs, customer, shipping_address, http
):
    _unpaid(customer, UNPAID_ORDERS_MAX - 1)
    product = catalog_product(price="19.90", stock=10)
    stubs.cart([cart_line(product=product, quantity=1)])
    stubs.products([product])
    winner_id = uuid.uuid4()

    def reserve_while_the_same_key_commits(request):
        OrderFactory(id=winner_id, user_id=customer.id, idempotency_key="key-1")
        return 201, {}, "{}"

    http.add_callback("POST", stubs.reservations_url, reserve_while_the_same_key_commits)
    stubs.release()

    order, created = _checkout(customer, shipping_address, idempotency_key="key-1")

    assert (order.pk, created) == (winner_id, False)
    assert stubs.released_order_ids() == stubs.reserved_order_ids()


@pytest.mark.django_db(transaction=True)
def test_concurrent_checkouts_never_take_a_user_past_the_limit(stubs, cart, customer):
    _unpaid(customer, UNPAID_ORDERS_MAX - 2)
    address = {
        "name": "Aigerim Sadykova",
        "line1": "12 Abay Avenue",
        "line2": "",
        "city": "Almaty",
        "postal_code": "050000",
        "country": "KZ",
        "phone": "",
    }
    count = 6
    barrier = threading.Barrier(count)
    outcomes: list = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = _checkout(customer, address)[0]
        except Exception as exc:  # the outcome under test, recorded per thread
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    saved = [o for o in outcomes if isinstance(o, Order)]
    refused = [o for o in outcomes if isinstance(o, UnpaidOrdersLimit)]
    assert (len(saved), len(refused)) == (2, count - 2), outcomes
    unpaid = Order.objects.filter(user_id=customer.id, status=OrderStatus.PENDING_PAYMENT)
    assert unpaid.count() == UNPAID_ORDERS_MAX
    # Whatever a refused checkout reserved, it released.
    kept = set(stubs.reserved_order_ids()) - set(stubs.released_order_ids())
    assert kept == {str(order.id) for order in saved}
