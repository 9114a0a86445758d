import uuid

import pytest
from orders.serializers import ShippingAddressSerializer

from addresses.exceptions import AddressNotFound
from addresses.selectors import address_get, address_shipping_snapshot
from addresses.tests.factories import AddressFactory

pytestmark = pytest.mark.django_db


def test_the_snapshot_has_exactly_the_shape_of_an_orders_shipping_address():
    address = AddressFactory(line2="Apartment 4", phone="+7 701 123 45 67", is_default=True)

    snapshot = address_shipping_snapshot(address_id=address.id, user_id=address.user_id)

    assert snapshot == {
        "name": address.name,
        "line1": address.line1,
        "line2": "Apartment 4",
        "city": address.city,
        "postal_code": address.postal_code,
        "country": "KZ",
        "phone": "+7 701 123 45 67",
    }
    assert ShippingAddressSerializer(data=snapshot).is_valid()


@pytest.mark.parametrize("address_id", ["not-a-uuid", "", "1", "{}"])
def test_an_id_that_is_not_a_uuid_is_not_found(address_id):
    with pytest.raises(AddressNotFound):
        address_get(address_id=address_id, user_id=uuid.uuid4())


def test_someone_elses_address_is_not_found():
    address = AddressFactory()

    with pytest.raises(AddressNotFound):
        address_get(address_id=address.id, user_id=uuid.uuid4())
