"""The address book's errors. Each is an API exception, so the shared handler
answers it with its status and `{"detail": ...}`; the `detail` texts below are
what users see.

    AddressError (base, never raised itself)
    ├── AddressNotFound  404 unknown, malformed, or someone else's address
    └── AddressBookFull  409 (shop_common.errors.Conflict) the book is full
                         (ADDRESS_BOOK_SIZE_MAX, 20 addresses)

Setting `is_default: false` on the default address is a field-keyed 400
(`is_default`), raised as DRF's ValidationError by services.address_update.
"""

from rest_framework import status
from rest_framework.exceptions import APIException

from addresses.models import ADDRESS_BOOK_SIZE_MAX
from shop_common.errors import Conflict


class AddressError(APIException):
    """Base of the address book's errors."""


class AddressNotFound(AddressError):
    status_code = status.HTTP_404_NOT_FOUND
    default_detail = "Not found."
    default_code = "not_found"


class AddressBookFull(AddressError, Conflict):
    default_detail = (
        f"An address book holds at most {ADDRESS_BOOK_SIZE_MAX} addresses: "
        "delete one before saving another."
    )
    default_code = "address_book_full"
