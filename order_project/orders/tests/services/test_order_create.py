import uuid
from decimal import Decimal
from unittest import mock

import pytest
from addresses.exceptions import AddressNotFound
from addresses.tests.factories import AddressFactory
from django.db import DatabaseError

from orders import services
from orders.exceptions import CartEmpty, OrderTooLarge, StockUnavailable
from orders.models import Order, OrderEvent, OrderLine
from orders.services import order_create
from orders.status import OrderStatus
from orders.tests.conftest import cart_line, catalog_product
from orders.tests.factories import OrderFactory
from shop_common.errors import ServiceUnavailable

pytestmark = pytest.mark.django_db

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


def _nothing_written():
    return (Order.objects.count(), OrderLine.objects.count(), OrderEvent.objects.count()) == (
        0,
        0,
        0,
    )


@pytest.fixture
def two_products(stubs):
    first = catalog_product(price="19.90", stock=5)
    second = catalog_product(price="5.05", stock=5)
    stubs.cart([cart_line(product=first, quantity=2), cart_line(product=second, quantity=3)])
    stubs.products([first, second])
    return first, second


def test_checkout_saves_the_order_its_lines_and_its_first_event(
    stubs, two_products, customer, shipping_address
):
    stubs.reservation()
    stubs.cart_clear()

    order, created = _checkout(customer, shipping_address)

    assert created is True
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert order.total == Decimal("54.95")
    assert order.currency == "KZT"
    assert str(order.user_id) == customer.id
    assert order.shipping_address == shipping_address
    lines = list(order.lines.all())
    assert [(str(line.product_id), line.quantity, line.line_total) for line in lines] == [
        (two_products[0]["id"], 2, Decimal("39.80")),
        (two_products[1]["id"], 3, Decimal("15.15")),
    ]
    [event] = order.events.all()
    assert (event.from_status, event.to_status) == (None, OrderStatus.PENDING_PAYMENT)
    assert event.actor == f"customer:{customer.id}"


def test_checkout_takes_prices_names_and_skus_from_the_catalog_not_the_cart(
    stubs, customer, shipping_address
):
    product = catalog_product(price="25.00", sku="NEW-SKU", name="New name")
    stale = cart_line(
        product={**product, "sku": "OLD", "name": "Old"}, quantity=1, unit_price="9.99"
    )
    stubs.cart([stale])
    stubs.products([product])
    stubs.reservation()
    stubs.cart_clear()

    order, _ = _checkout(customer, shipping_address)

    line = order.lines.get()
    assert (line.sku, line.name, line.unit_price) == ("NEW-SKU", "New name", Decimal("25.00"))
    assert order.total == Decimal("25.00")


def test_checkout_reserves_the_cart_quantities_under_the_saved_order_id(
    stubs, two_products, customer, shipping_address
):
    stubs.reservation()
    stubs.cart_clear()

    order, _ = _checkout(customer, shipping_address)

    [call] = stubs.calls("POST", "/internal/reservations")
    assert call.request.headers["Authorization"].startswith("Service ")
    assert stubs.reserved_order_ids() == [str(order.id)]


def test_checkout_empties_the_cart_with_the_users_token(
    stubs, two_products, customer, shipping_address
):
    stubs.reservation()
    stubs.cart_clear()

    _checkout(customer, shipping_address)

    [call] = stubs.calls("DELETE", "/cart")
    assert call.request.headers["Authorization"] == f"Bearer {TOKEN}"


def test_checkout_keeps_the_order_when_the_cart_cannot_be_emptied(
    stubs, two_products, customer, shipping_address
):
    stubs.reservation()
    stubs.cart_clear_down()

    order, created = _checkout(customer, shipping_address)

    assert created is True
    assert Order.objects.filter(pk=order.pk).exists()
    assert stubs.released_order_ids() == []


def test_checkout_of_an_empty_cart_reserves_nothing(stubs, customer, shipping_address):
    stubs.cart([])

    with pytest.raises(CartEmpty):
        _checkout(customer, shipping_address)

    assert stubs.calls("GET", "/products") == []
    assert stubs.reserved_order_ids() == []
    assert _nothing_written()


def test_checkout_with_the_cart_down_reserves_and_writes_nothing(stubs, customer, shipping_address):
    stubs.cart_down()

    with pytest.raises(ServiceUnavailable):
        _checkout(customer, shipping_address)

    assert stubs.reserved_order_ids() == []
    assert _nothing_written()


def test_checkout_with_the_catalog_down_reserves_nothing_and_leaves_the_cart(
    stubs, customer, shipping_address
):
    product = catalog_product()
    stubs.cart([cart_line(product=product, quantity=1)])
    stubs.products_down()

    with pytest.raises(ServiceUnavailable):
        _checkout(customer, shipping_address)

    assert stubs.reserved_order_ids() == []
    assert stubs.calls("DELETE", "/cart") == []
    assert _nothing_written()


@pytest.mark.parametrize(
    "trouble",
    [{"is_active": False}, {"stock": 1}, "gone"],
    ids=["inactive", "short-of-stock", "unknown"],
)
def test_checkout_refuses_products_gone_inactive_or_short_before_reserving(
    stubs, customer, shipping_address, trouble
):
    fine = catalog_product(stock=10)
    troubled = catalog_product(stock=10)
    stubs.cart([cart_line(product=fine, quantity=2), cart_line(product=troubled, quantity=2)])
    if trouble == "gone":
        stubs.products([fine])
    else:
        stubs.products([fine, {**troubled, **trouble}])

    with pytest.raises(StockUnavailable) as caught:
        _checkout(customer, shipping_address)

    assert caught.value.unavailable == [troubled["id"]]
    assert stubs.reserved_order_ids() == []
    assert stubs.calls("DELETE", "/cart") == []
    assert _nothing_written()


def test_checkout_refused_by_the_reservation_writes_nothing_and_leaves_the_cart(
    stubs, two_products, customer, shipping_address
):
    stubs.reservation_conflict([two_products[1]["id"]])

    with pytest.raises(StockUnavailable) as caught:
        _checkout(customer, shipping_address)

    assert caught.value.unavailable == [two_products[1]["id"]]
    assert stubs.calls("DELETE", "/cart") == []
    assert _nothing_written()


def test_checkout_whose_reservation_times_out_releases_it_in_case_it_was_made(
    stubs, two_products, customer, shipping_address
):
    stubs.reservation_down()
    stubs.release(status=404)

    with pytest.raises(ServiceUnavailable):
        _checkout(customer, shipping_address)

    assert stubs.released_order_ids() == stubs.reserved_order_ids()
    assert len(stubs.released_order_ids()) == 1
    assert stubs.calls("DELETE", "/cart") == []
    assert _nothing_written()


def test_checkout_whose_save_fails_releases_the_reservation_and_writes_nothing(
    stubs, two_products, customer, shipping_address
):
    stubs.reservation()
    stubs.release()

    with (
        mock.patch.object(services, "order_save", side_effect=DatabaseError("disk full")),
        pytest.raises(DatabaseError),
    ):
        _checkout(customer, shipping_address)

    [reserved] = stubs.reserved_order_ids()
    assert stubs.released_order_ids() == [reserved]
    assert stubs.calls("DELETE", "/cart") == []
    assert _nothing_written()


def test_checkout_whose_save_fails_midway_leaves_no_half_written_order(
    stubs, two_products, customer, shipping_address
):
    stubs.reservation()
    stubs.release()

    with (
        mock.patch.object(
            OrderEvent.objects, "create", side_effect=DatabaseError("connection lost")
        ),
        pytest.raises(DatabaseError),
    ):
        _checkout(customer, shipping_address)

    assert len(stubs.released_order_ids()) == 1
    assert _nothing_written()


def test_checkout_still_reports_the_save_failure_when_the_release_fails_too(
    stubs, two_products, customer, shipping_address
):
    stubs.reservation()
    stubs.release_down()

    with (
        mock.patch.object(services, "order_save", side_effect=DatabaseError("disk full")),
        pytest.raises(DatabaseError),
    ):
        _checkout(customer, shipping_address)

    assert len(stubs.released_order_ids()) == 1
    assert _nothing_written()


def test_checkout_refuses_a_total_too_large_for_the_money_column(stubs, customer, shipping_address):
    product = catalog_product(price="9999999999.99", stock=99)
    stubs.cart([cart_line(product=product, quantity=2)])
    stubs.products([product])

    with pytest.raises(OrderTooLarge):
        _checkout(customer, shipping_address)

    assert stubs.reserved_order_ids() == []
    assert _nothing_written()


def test_checkout_with_a_used_key_returns_the_first_order_and_reserves_nothing(
    stubs, two_products, customer, shipping_address
):
    stubs.reservation()
    stubs.cart_clear()
    first, _ = _checkout(customer, shipping_address, idempotency_key="key-1")

    again, created = _checkout(customer, shipping_address, idempotency_key="key-1")

    assert created is False
    assert again.pk == first.pk
    assert len(stubs.reserved_order_ids()) == 1
    assert len(stubs.calls("GET", "/cart")) == 1
    assert Order.objects.count() == 1


def test_the_same_key_from_another_user_is_a_different_order(
    stubs, two_products, customer, shipping_address
):
    stubs.reservation()
    stubs.cart_clear()
    OrderFactory(idempotency_key="key-1")

    order, created = _checkout(customer, shipping_address, idempotency_key="key-1")

    assert created is True
    assert Order.objects.filter(idempotency_key="key-1").count() == 2
    assert str(order.user_id) == customer.id


def test_two_racing_checkouts_with_one_key_end_with_one_order_and_one_reservation(
    stubs, two_products, customer, shipping_address, http
):
    # The competing request commits its order while this one is reserving.
    winner_id = uuid.uuid4()

    def reserve_while_the_other_request_commits(request):
        OrderFactory(id=winner_id, user_id=customer.id, idempotency_key="key-1")
        return 201, {}, "{}"

    http.add_callback("POST", stubs.reservations_url, reserve_while_the_other_request_commits)
    stubs.release()

    order, created = _checkout(customer, shipping_address, idempotency_key="key-1")

    assert created is False
    assert order.pk == winner_id
    assert Order.objects.count() == 1
    assert stubs.released_order_ids() == stubs.reserved_order_ids()
    assert stubs.calls("DELETE", "/cart") == []


def test_checkout_to_a_saved_address_keeps_a_copy_of_it(stubs, two_products, customer):
    stubs.reservation()
    stubs.cart_clear()
    address = AddressFactory(user_id=customer.id, line2="", phone="")

    order, _created = order_create(
        user_id=customer.id,
        email=customer.email,
        actor=f"customer:{customer.id}",
        user_token=TOKEN,
        address_id=address.id,
    )

    address.delete()
    order.refresh_from_db()
    assert order.shipping_address == {
        "name": address.name,
        "line1": address.line1,
        "line2": "",
        "city": address.city,
        "postal_code": address.postal_code,
        "country": address.country,
        "phone": "",
    }


def test_checkout_to_someone_elses_saved_address_raises_before_reading_the_cart(stubs, customer):
    address = AddressFactory()

    with pytest.raises(AddressNotFound):
        order_create(
            user_id=customer.id,
            email=customer.email,
            actor=f"customer:{customer.id}",
            user_token=TOKEN,
            address_id=address.id,
        )

    assert list(stubs.mock.calls) == []
    assert _nothing_written()


@pytest.mark.parametrize("both", [True, False])
def test_checkout_takes_exactly_one_of_an_address_and_an_address_id(
    stubs, customer, shipping_address, both
):
    address = {"shipping_address": shipping_address, "address_id": uuid.uuid4()} if both else {}

    with pytest.raises(TypeError):
        order_create(
            user_id=customer.id,
            email=customer.email,
            actor=f"customer:{customer.id}",
            user_token=TOKEN,
            **address,
        )

    assert list(stubs.mock.calls) == []
