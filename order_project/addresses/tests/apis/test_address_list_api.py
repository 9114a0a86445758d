from datetime import timedelta

import pytest
from django.utils import timezone

from addresses.tests.factories import AddressFactory

pytestmark = pytest.mark.django_db

URL = "/addresses"


def _addresses_of(user_id, count, **kwargs):
    now = timezone.now()
    return [
        AddressFactory(user_id=user_id, created_at=now - timedelta(minutes=index), **kwargs)
        for index in range(count)
    ]


def test_a_user_lists_only_their_own_addresses_default_first_then_newest(customer_client, customer):
    newest, middle, oldest = _addresses_of(customer.id, 3)
    oldest.is_default = True
    oldest.save()
    AddressFactory()

    response = customer_client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [a["id"] for a in body["results"]] == [str(a.id) for a in (oldest, newest, middle)]
    assert {"next", "previous"} <= body.keys()


def test_the_list_is_paginated(customer_client, customer):
    mine = _addresses_of(customer.id, 5)

    response = customer_client.get(URL, {"page": 2, "page_size": 2})

    body = response.json()
    assert body["count"] == 5
    assert [a["id"] for a in body["results"]] == [str(a.id) for a in mine[2:4]]
    assert body["next"] and body["previous"]


def test_an_empty_book_is_an_empty_page(customer_client):
    response = customer_client.get(URL)

    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}


def test_an_admin_lists_only_their_own_addresses_too(admin_api_client, customer):
    _addresses_of(customer.id, 2)

    assert admin_api_client.get(URL).json()["count"] == 0


def test_listing_without_a_token_is_401(client):
    assert client.get(URL).status_code == 401


def test_listing_takes_the_same_queries_for_many_addresses_as_for_one(
    customer_client, customer, django_assert_num_queries
):
    # count, page: the same for one address and for a full book
    _addresses_of(customer.id, 1)
    with django_assert_num_queries(2):
        customer_client.get(URL)

    _addresses_of(customer.id, 19)
    with django_assert_num_queries(2):
        response = customer_client.get(URL)

    assert len(response.json()["results"]) == 20
