import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages

from orders.status import OrderStatus
from orders.tests.factories import OrderFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/orders/orders/order/"


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser(
        username="staff@example.com", email="staff@example.com", password=None
    )
    client.force_login(user)
    return client


def test_the_order_list_filters_by_status(staff):
    paid = OrderFactory(status=OrderStatus.PAID)
    pending = OrderFactory()

    response = staff.get(CHANGELIST, {"status__exact": "paid"})

    assert response.status_code == 200
    content = response.content.decode()
    assert str(paid.id) in content
    assert str(pending.id) not in content


@pytest.mark.parametrize("term", ["email", "id"])
def test_the_order_list_searches_by_email_and_id(staff, term):
    wanted = OrderFactory(email="findme@example.com")
    other = OrderFactory()
    query = "findme@example.com" if term == "email" else str(wanted.id)

    response = staff.get(CHANGELIST, {"q": query})

    content = response.content.decode()
    assert str(wanted.id) in content
    assert str(other.id) not in content


def test_searching_for_a_fragment_that_is_not_an_id_finds_nothing_without_error(staff):
    OrderFactory()

    response = staff.get(CHANGELIST, {"q": "zz-not-an-id"})

    assert response.status_code == 200


def test_the_order_page_shows_its_lines_and_history(staff):
    order = OrderFactory()
    line = order.lines.get()

    response = staff.get(f"{CHANGELIST}{order.id}/change/")

    assert response.status_code == 200
    content = response.content.decode()
    assert line.sku in content
    assert order.events.get().actor in content


def test_the_order_page_links_to_its_payments_where_staff_refund(staff):
    order = OrderFactory(status=OrderStatus.PAID)

    response = staff.get(f"{CHANGELIST}{order.id}/change/")

    assert f'href="/admin/payments/payments/payment/?q={order.id}"' in response.content.decode()


def test_the_ship_action_moves_paid_orders_through_the_status_machine(staff):
    paid = OrderFactory(status=OrderStatus.PAID)
    pending = OrderFactory()

    response = staff.post(
        CHANGELIST,
        {"action": "mark_shipped", "_selected_action": [str(paid.id), str(pending.id)]},
        follow=True,
    )

    paid.refresh_from_db()
    pending.refresh_from_db()
    assert paid.status == OrderStatus.SHIPPED
    assert paid.events.last().actor == "staff:staff@example.com"
    assert pending.status == OrderStatus.PENDING_PAYMENT
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(str(pending.id) in m for m in messages)
    assert any("1 order(s) marked shipped" in m for m in messages)


def test_the_deliver_action_moves_shipped_orders(staff):
    shipped = OrderFactory(status=OrderStatus.SHIPPED)

    staff.post(CHANGELIST, {"action": "mark_delivered", "_selected_action": [str(shipped.id)]})

    shipped.refresh_from_db()
    assert shipped.status == OrderStatus.DELIVERED


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _act(staff, action: str, *orders):
    return staff.post(
        CHANGELIST,
        {"action": action, "_selected_action": [str(order.id) for order in orders]},
        follow=True,
    )


def test_delivering_an_order_that_has_not_shipped_is_an_error_message_not_a_500(staff):
    paid = OrderFactory(status=OrderStatus.PAID)

    response = _act(staff, "mark_delivered", paid)

    assert response.status_code == 200
    paid.refresh_from_db()
    assert paid.status == OrderStatus.PAID
    assert paid.events.count() == 1
    assert _messages(response) == [f"Order {paid.id}: An order cannot go from paid to delivered."]
    assert 'class="error"' in response.content.decode()


def test_shipping_a_shipped_order_again_is_an_error_message(staff):
    shipped = OrderFactory(status=OrderStatus.SHIPPED)

    response = _act(staff, "mark_shipped", shipped)

    assert response.status_code == 200
    shipped.refresh_from_db()
    assert shipped.status == OrderStatus.SHIPPED
    assert _messages(response) == [
        f"Order {shipped.id}: An order cannot go from shipped to shipped."
    ]


@pytest.mark.parametrize("status", [OrderStatus.PENDING_PAYMENT, OrderStatus.PAYMENT_FAILED])
def test_the_cancel_action_cancels_unpaid_orders_and_releases_their_stock(staff, stubs, status):
    order = OrderFactory(status=status)
    stubs.release()

    response = _act(staff, "cancel", order)

    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    event = order.events.last()
    assert (event.from_status, event.to_status, event.actor) == (
        status,
        OrderStatus.CANCELLED,
        "staff:staff@example.com",
    )
    assert stubs.released_order_ids() == [str(order.id)]
    assert _messages(response) == ["1 order(s) cancelled (stock released)."]


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
def test_cancelling_an_order_past_payment_is_an_error_message_and_changes_nothing(
    staff, stubs, status
):
    order = OrderFactory(status=status)

    response = _act(staff, "cancel", order)

    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == status
    assert order.events.count() == 1
    assert stubs.released_order_ids() == []
    assert _messages(response) == [
        f"Order {order.id}: An order cannot go from {status} to cancelled."
    ]


def test_cancelling_while_the_catalog_is_down_is_an_error_message_and_changes_nothing(staff, stubs):
    order = OrderFactory()
    stubs.release_down()

    response = _act(staff, "cancel", order)

    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert order.events.count() == 1
    assert _messages(response) == [f"Order {order.id}: The catalog service is unavailable."]


def test_a_mixed_selection_cancels_what_it_may_and_reports_the_rest(staff, stubs):
    pending = OrderFactory()
    paid = OrderFactory(status=OrderStatus.PAID)
    stubs.release()

    response = _act(staff, "cancel", pending, paid)

    pending.refresh_from_db()
    paid.refresh_from_db()
    assert (pending.status, paid.status) == (OrderStatus.CANCELLED, OrderStatus.PAID)
    messages = _messages(response)
    assert f"Order {paid.id}: An order cannot go from paid to cancelled." in messages
    assert "1 order(s) cancelled (stock released)." in messages


def test_the_order_list_offers_ship_deliver_and_cancel(staff):
    OrderFactory()

    response = staff.get(CHANGELIST)

    content = response.content.decode()
    for action in ["mark_shipped", "mark_delivered", "cancel"]:
        assert f'<option value="{action}">' in content


def test_the_order_list_searches_by_email_case_insensitively(staff):
    wanted = OrderFactory(email="someone@example.com")
    OrderFactory(email="other@example.com")

    response = staff.get(CHANGELIST, {"q": "SOMEONE@example"})

    assert [order.id for order in response.context["cl"].result_list] == [wanted.id]


def test_orders_cannot_be_added_or_deleted_in_the_admin(staff):
    order = OrderFactory()

    assert staff.get(f"{CHANGELIST}add/").status_code == 403
    assert staff.get(f"{CHANGELIST}{order.id}/delete/").status_code == 403


def test_the_order_admin_needs_a_staff_login(client):
    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert "/admin/orders/login/" in response["Location"]
