import uuid

import pytest

from payments.tests.factories import payment_succeeded_create

pytestmark = pytest.mark.django_db


def test_a_customer_lists_only_their_own_payments_newest_first(customer, customer_id):
    older = payment_succeeded_create(user_id=customer_id)
    newer = payment_succeeded_create(user_id=customer_id)
    payment_succeeded_create(user_id=uuid.uuid4())

    response = customer.get("/payments")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [p["id"] for p in body["results"]] == [str(newer.id), str(older.id)]
    assert set(body) == {"count", "next", "previous", "results"}


def test_an_admin_lists_everyones_payments(admin):
    payment_succeeded_create()
    payment_succeeded_create()

    response = admin.get("/payments")

    assert response.json()["count"] == 2


def test_the_list_filters_by_order(customer, customer_id):
    wanted = payment_succeeded_create(user_id=customer_id)
    payment_succeeded_create(user_id=customer_id)

    response = customer.get("/payments", {"order_id": str(wanted.order_id)})

    assert [p["id"] for p in response.json()["results"]] == [str(wanted.id)]


def test_a_malformed_order_filter_is_400(customer):
    response = customer.get("/payments", {"order_id": "nope"})

    assert response.status_code == 400
    assert "order_id" in response.json()


def test_page_size_is_capped_at_100(customer, customer_id):
    for _ in range(3):
        payment_succeeded_create(user_id=customer_id)

    response = customer.get("/payments", {"page_size": 1000})

    assert response.status_code == 200
    assert len(response.json()["results"]) == 3


def test_pages_link_to_each_other(customer, customer_id):
    for _ in range(3):
        payment_succeeded_create(user_id=customer_id)

    first = customer.get("/payments", {"page_size": 2}).json()
    second = customer.get("/payments", {"page_size": 2, "page": 2}).json()

    assert first["count"] == second["count"] == 3
    assert first["previous"] is None
    assert "page=2" in first["next"]
    assert second["next"] is None
    assert len(first["results"]) == 2
    assert len(second["results"]) == 1
    assert {p["id"] for p in first["results"]}.isdisjoint(p["id"] for p in second["results"])


def test_listing_takes_the_same_queries_for_many_payments_as_for_one(
    customer, customer_id, django_assert_num_queries
):
    for _ in range(5):
        payment_succeeded_create(user_id=customer_id)

    # count, page, transactions prefetch
    with django_assert_num_queries(3):
        response = customer.get("/payments")

    assert response.json()["count"] == 5


def test_a_page_past_the_end_is_404(customer):
    response = customer.get("/payments", {"page": 99})

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}
