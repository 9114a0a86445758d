import pytest

from addresses.tests.factories import AddressFactory

pytestmark = pytest.mark.django_db


def _url(address_id) -> str:
    return f"/addresses/{address_id}"


def test_a_user_gets_their_own_address(customer_client, customer):
    address = AddressFactory(user_id=customer.id, is_default=True)

    response = customer_client.get(_url(address.id))

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(address.id)
    assert body["name"] == address.name
    assert body["is_default"] is True


def test_another_users_address_is_404(customer_client):
    address = AddressFactory()

    response = customer_client.get(_url(address.id))

    assert response.status_code == 404
    assert response.json().keys() == {"detail"}


def test_another_users_address_is_404_for_an_admin_too(admin_api_client):
    address = AddressFactory()

    assert admin_api_client.get(_url(address.id)).status_code == 404


@pytest.mark.parametrize(
    "address_id", ["not-a-uuid", "123", "00000000-0000-0000-0000-00000000000g"]
)
def test_a_malformed_id_is_404(customer_client, address_id):
    response = customer_client.get(_url(address_id))

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_getting_without_a_token_is_401(client):
    address = AddressFactory()

    assert client.get(_url(address.id)).status_code == 401
