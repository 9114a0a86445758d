import uuid

import pytest

from addresses.exceptions import AddressNotFound
from addresses.models import Address
from addresses.services import address_create, address_delete, address_update
from addresses.tests.factories import AddressFactory

pytestmark = pytest.mark.django_db

ADDRESS = {
    "name": "Aigerim Sadykova",
    "line1": "12 Abay Avenue",
    "city": "Almaty",
    "postal_code": "050000",
    "country": "KZ",
}


def test_a_user_id_in_any_spelling_is_one_book():
    user_id = uuid.uuid4()
    address_create(user_id=str(user_id).upper(), **ADDRESS)

    second = address_create(user_id=user_id, **ADDRESS)

    assert second.is_default is False
    assert Address.objects.filter(user_id=user_id).count() == 2


def test_an_update_with_unchanged_values_writes_nothing():
    address = AddressFactory(city="Almaty")
    updated_at = address.updated_at

    address_update(address_id=address.id, user_id=address.user_id, data={"city": "Almaty"})

    address.refresh_from_db()
    assert address.updated_at == updated_at


def test_clearing_the_old_default_marks_it_updated():
    user_id = uuid.uuid4()
    old = AddressFactory(user_id=user_id, is_default=True)
    updated_at = old.updated_at

    address_create(user_id=user_id, is_default=True, **ADDRESS)

    old.refresh_from_db()
    assert old.is_default is False
    assert old.updated_at > updated_at


def test_deleting_someone_elses_address_raises_not_found_and_promotes_nothing():
    default = AddressFactory(is_default=True)
    AddressFactory(user_id=default.user_id)

    with pytest.raises(AddressNotFound):
        address_delete(address_id=default.id, user_id=uuid.uuid4())

    assert Address.objects.filter(user_id=default.user_id, is_default=True).get() == default
