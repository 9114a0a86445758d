from datetime import timedelta

import pytest
from django.utils import timezone

from addresses.models import Address
from addresses.tests.factories import AddressFactory

pytestmark = pytest.mark.django_db


def _url(address_id) -> str:
    return f"/addresses/{address_id}"


def test_a_user_deletes_their_own_address(customer_client, customer):
    AddressFactory(user_id=customer.id, is_default=True)
    address = AddressFactory(user_id=customer.id)

    response = customer_client.delete(_url(address.id))

    assert response.status_code == 204
    assert not Address.objects.filter(pk=address.pk).exists()


def test_deleting_the_default_makes_the_newest_remaining_address_the_default(
    customer_client, customer
):
    now = timezone.now()
    default = AddressFactory(user_id=customer.id, is_default=True, created_at=now)
    older = AddressFactory(user_id=customer.id, created_at=now - timedelta(days=2))
    newer = AddressFactory(user_id=customer.id, created_at=now - timedelta(days=1))
    someone_elses = AddressFactory(created_at=now + timedelta(days=1))

    response = customer_client.delete(_url(default.id))

    assert response.status_code == 204
    assert list(
        Address.objects.filter(user_id=customer.id, is_default=True).values_list("id", flat=True)
    ) == [newer.id]
    older.refresh_from_db()
    someone_elses.refresh_from_db()
    assert (older.is_default, someone_elses.is_default) == (False, False)


def test_deleting_the_last_address_leaves_an_empty_book(customer_client, customer):
    only = AddressFactory(user_id=customer.id, is_default=True)

    assert customer_client.delete(_url(only.id)).status_code == 204
    assert not Address.objects.filter(user_id=customer.id).exists()


def test_deleting_another_users_address_is_404_and_keeps_it(customer_client):
    address = AddressFactory(is_default=True)

    response = customer_client.delete(_url(address.id))

    assert response.status_code == 404
    assert response.json().keys() == {"detail"}
    assert Address.objects.filter(pk=address.pk, is_default=True).exists()


def test_deleting_another_users_address_is_404_for_an_admin_too(admin_api_client):
    address = AddressFactory()

    assert admin_api_client.delete(_url(address.id)).status_code == 404
    assert Address.objects.filter(pk=address.pk).exists()


def test_deleting_twice_is_404_the_second_time(customer_client, customer):
    address = AddressFactory(user_id=customer.id)

    assert customer_client.delete(_url(address.id)).status_code == 204
    assert customer_client.delete(_url(address.id)).status_code == 404


def test_deleting_a_malformed_id_is_404(customer_client):
    assert customer_client.delete(_url("not-a-uuid")).status_code == 404


def test_deleting_without_a_token_is_401(client):
    address = AddressFactory()

    assert client.delete(_url(address.id)).status_code == 401
    assert Address.objects.filter(pk=address.pk).exists()
