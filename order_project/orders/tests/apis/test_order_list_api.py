from datetime import timedelta

import pytest
from django.utils import timezone

from orders.status import OrderStatus
from orders.tests.factories import OrderEventFactory, OrderFactory, OrderLineFactory

pytestmark = pytest.mark.django_db

URL = "/orders"


def _orders_of(customer, count, **kwargs):
    now = timezone.now()
    return [
        OrderFactory(
            user_id=customer.id,
            email=customer.email,
            created_at=now - timedelta(minutes=index),
            **kwargs,
        )
        for index in range(count)
    ]


def test_a_customer_lists_only_their_orders_newest_first(customer_client, customer):
    mine = _orders_of(customer, 3)
    OrderFactory()

    response = customer_client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [o["id"] for o in body["results"]] == [str(o.id) for o in mine]
    assert {"next", "previous"} <= body.keys()


def test_the_list_is_paginated(customer_client, customer):
    mine = _orders_of(customer, 5)

    response = customer_client.get(URL, {"page": 2, "page_size": 2})

    body = response.json()
    assert body["count"] == 5
    assert [o["id"] for o in body["results"]] == [str(o.id) for o in mine[2:4]]
    assert body["next"] and body["previous"]


def test_a_page_past_the_end_is_404(customer_client, customer):
    _orders_of(customer, 1)

    assert customer_client.get(URL, {"page": 9}).status_code == 404


def test_an_admin_lists_everyones_orders(admin_api_client, customer):
    _orders_of(customer, 2)
    OrderFactory()

    assert admin_api_client.get(URL).json()["count"] == 3


def test_an_admin_filters_by_status_and_email(admin_api_client, customer):
    _orders_of(customer, 2, status=OrderStatus.PAID)
    _orders_of(customer, 1)
    OrderFactory(status=OrderStatus.PAID)

    response = admin_api_client.get(URL, {"status": "paid", "email": customer.email.upper()})

    body = response.json()
    assert body["count"] == 2
    assert {o["status"] for o in body["results"]} == {"paid"}
    assert {o["email"] for o in body["results"]} == {customer.email}


def test_a_customer_filtering_by_someone_elses_email_sees_nothing(customer_client, customer):
    _orders_of(customer, 1)
    other = OrderFactory()

    assert customer_client.get(URL, {"email": other.email}).json()["count"] == 0


def test_an_unknown_status_filter_is_400(customer_client):
    response = customer_client.get(URL, {"status": "lost"})

    assert response.status_code == 400
    assert "status" in response.json()


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("email", "email=buyer%00@example.com"),
        ("email", "email=" + "x" * 10_000),
        ("email", "email=%ED%A0%80" + "x" * 300),
        ("status", "status=paid%00"),
        ("status", "status=%ED%A0%80"),
        ("status", "status=" + "x" * 10_000),
    ],
    ids=[
        "email-nul",
        "email-10000",
        "email-bad-utf8-long",
        "status-nul",
        "status-bad-utf8",
        "status-10000",
    ],
)
def test_a_filter_that_is_not_storable_text_is_400_keyed_by_it(admin_api_client, name, query):
    OrderFactory()

    response = admin_api_client.get(f"{URL}?{query}")

    assert response.status_code == 400
    assert list(response.json()) == [name]


def test_listing_without_a_token_is_401(client):
    assert client.get(URL).status_code == 401


def test_listing_takes_the_same_queries_for_many_orders_as_for_one(
    customer_client, customer, django_assert_num_queries
):
    for order in _orders_of(customer, 6):
        OrderLineFactory(order=order)
        OrderEventFactory(
            order=order, from_status=OrderStatus.PENDING_PAYMENT, to_status=OrderStatus.PAID
        )

    # count, page of orders, their lines, their events
    with django_assert_num_queries(4):
        response = customer_client.get(URL)

    assert len(response.json()["results"]) == 6
    assert all(len(o["items"]) == 2 and len(o["events"]) == 2 for o in response.json()["results"])
