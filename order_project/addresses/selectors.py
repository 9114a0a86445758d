"""Reads of the address book. Every read is scoped to the user's own book:
nobody else (an admin included) sees an address through the API."""

import uuid

from django.db.models import QuerySet
from orders.serializers import ShippingAddressSerializer

from addresses.exceptions import AddressNotFound
from addresses.models import Address


def address_list(*, user_id: uuid.UUID | str) -> QuerySet[Address]:
    """Returns the user's addresses, the default first, then newest first."""
    return Address.objects.filter(user_id=user_id).order_by("-is_default", "-created_at", "-id")


def address_get(*, address_id: uuid.UUID | str, user_id: uuid.UUID | str) -> Address:
    """Returns the user's address. Raises AddressNotFound (404) when it is
    unknown, someone else's, or `address_id` is not a UUID at all (an id sent
    in a body), so another user's address is indistinguishable from none."""
    try:
        address_id = uuid.UUID(str(address_id))
    except ValueError:
        raise AddressNotFound() from None
    address = Address.objects.filter(pk=address_id, user_id=user_id).first()
    if address is None:
        raise AddressNotFound()
    return address


def address_shipping_snapshot(*, address_id: uuid.UUID | str, user_id: uuid.UUID | str) -> dict:
    """Returns a copy of the user's address in the shape of an order's
    `shipping_address` (`name, line1, line2, city, postal_code, country,
    phone`), for the order to keep. Raises AddressNotFound (404)."""
    address = address_get(address_id=address_id, user_id=user_id)
    return dict(ShippingAddressSerializer(address).data)
