import pytest
from orders.tests.conftest import NOT_STORABLE_TEXT, SHIPPING_ADDRESS_FIELDS, json_send

from addresses.models import Address
from addresses.tests.factories import AddressFactory

pytestmark = pytest.mark.django_db


def _url(address_id) -> str:
    return f"/addresses/{address_id}"


def _row(address) -> dict:
    return Address.objects.filter(pk=address.pk).values().get()


def test_a_user_updates_the_given_fields_of_their_address(customer_client, customer):
    address = AddressFactory(user_id=customer.id, city="Almaty", phone="")

    response = customer_client.patch(
        _url(address.id), {"city": "Astana", "country": "kz"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["city"] == "Astana"
    assert response.json()["country"] == "KZ"
    address.refresh_from_db()
    assert (address.city, address.country, address.phone) == ("Astana", "KZ", "")


def test_an_empty_patch_changes_nothing_and_answers_the_address(customer_client, customer):
    address = AddressFactory(user_id=customer.id)
    before = _row(address)

    response = customer_client.patch(_url(address.id), {}, format="json")

    assert response.status_code == 200
    assert response.json()["id"] == str(address.id)
    assert _row(address) == before


def test_making_an_address_the_default_takes_it_from_the_current_one(customer_client, customer):
    current = AddressFactory(user_id=customer.id, is_default=True)
    other = AddressFactory(user_id=customer.id)

    response = customer_client.patch(_url(other.id), {"is_default": True}, format="json")

    assert response.status_code == 200
    assert response.json()["is_default"] is True
    assert list(
        Address.objects.filter(user_id=customer.id, is_default=True).values_list("id", flat=True)
    ) == [other.id]
    current.refresh_from_db()
    assert current.is_default is False


def test_unsetting_the_default_is_400_and_keeps_it(customer_client, customer):
    default = AddressFactory(user_id=customer.id, is_default=True)
    AddressFactory(user_id=customer.id)

    response = customer_client.patch(_url(default.id), {"is_default": False}, format="json")

    assert response.status_code == 400
    assert "is_default" in response.json()
    default.refresh_from_db()
    assert default.is_default is True


def test_sending_is_default_false_for_an_address_that_is_not_the_default_changes_nothing(
    customer_client, customer
):
    AddressFactory(user_id=customer.id, is_default=True)
    other = AddressFactory(user_id=customer.id)
    before = _row(other)

    response = customer_client.patch(_url(other.id), {"is_default": False}, format="json")

    assert response.status_code == 200
    assert _row(other) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"city": "x" * 101}, "city"),
        ({"line1": None}, "line1"),
        ({"country": "Kazakhstan"}, "country"),
        ({"postal_code": "!"}, "postal_code"),
        ({"phone": "call me"}, "phone"),
        ({"is_default": "maybe"}, "is_default"),
    ],
)
def test_update_with_bad_input_is_400_keyed_by_field_and_changes_nothing(
    customer_client, customer, change, field
):
    address = AddressFactory(user_id=customer.id)
    before = _row(address)

    response = customer_client.patch(_url(address.id), {"city": "Astana", **change}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert _row(address) == before


@pytest.mark.parametrize("value", NOT_STORABLE_TEXT)
@pytest.mark.parametrize("field", SHIPPING_ADDRESS_FIELDS)
def test_update_with_a_field_that_is_not_storable_text_is_400_keyed_by_it_and_changes_nothing(
    customer_client, customer, field, value
):
    address = AddressFactory(user_id=customer.id)
    before = _row(address)

    response = json_send(customer_client, "PATCH", _url(address.id), {field: value})

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert _row(address) == before


def test_update_ignores_unknown_keys_and_keeps_the_owner(customer_client, customer):
    address = AddressFactory(user_id=customer.id)

    response = customer_client.patch(
        _url(address.id), {"user_id": "00000000-0000-0000-0000-000000000001"}, format="json"
    )

    assert response.status_code == 200
    address.refresh_from_db()
    assert str(address.user_id) == customer.id


def test_updating_another_users_address_is_404_and_changes_nothing(customer_client):
    address = AddressFactory(city="Almaty")
    before = _row(address)

    response = customer_client.patch(_url(address.id), {"city": "Astana"}, format="json")

    assert response.status_code == 404
    assert response.json().keys() == {"detail"}
    assert _row(address) == before


def test_making_another_users_address_the_default_is_404_and_moves_nothing(
    admin_api_client, customer
):
    theirs = AddressFactory(user_id=customer.id)
    default = AddressFactory(user_id=customer.id, is_default=True)

    response = admin_api_client.patch(_url(theirs.id), {"is_default": True}, format="json")

    assert response.status_code == 404
    default.refresh_from_db()
    assert default.is_default is True


def test_updating_a_malformed_id_is_404(customer_client):
    assert customer_client.patch(_url("nope"), {"city": "Astana"}, format="json").status_code == 404


def test_updating_without_a_token_is_401(client):
    address = AddressFactory(city="Almaty")

    response = client.patch(_url(address.id), {"city": "Astana"}, content_type="application/json")

    assert response.status_code == 401
    address.refresh_from_db()
    assert address.city == "Almaty"
