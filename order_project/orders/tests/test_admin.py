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


def test_orders_cannot_be_added_or_deleted_in_the_admin(staff):
    order = OrderFactory()

    assert staff.get(f"{CHANGELIST}add/").status_code == 403
    assert staff.get(f"{CHANGELIST}{order.id}/delete/").status_code == 403


def test_the_order_admin_needs_a_staff_login(client):
    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert "/admin/orders/login/" in response["Location"]
