"""Writes of the address book. Every write locks the user's book first (a
PostgreSQL advisory lock held until commit), so the size limit, the move of
the default and the promotion after a delete see a book nobody else is
changing at the same moment; the partial unique index on the default is the
database's last word."""

import uuid
from collections.abc import Mapping
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from addresses import selectors
from addresses.exceptions import AddressBookFull
from addresses.models import ADDRESS_BOOK_SIZE_MAX, Address

# The fields PATCH may set; `user_id`, `id` and the timestamps are never the client's.
ADDRESS_UPDATE_FIELDS = (
    "name",
    "line1",
    "line2",
    "city",
    "postal_code",
    "country",
    "phone",
    "is_default",
)

# First key of pg_advisory_xact_lock(int, int): this lock's own namespace
# ("addr" in ASCII), the second key is a hash of the user id.
_ADDRESS_BOOK_LOCK = 0x61646472


def _address_book_lock(*, user_id: uuid.UUID | str) -> None:
    # Inside a transaction only: the lock is released at its commit or rollback.
    # The id is normalised so that every spelling of one UUID takes one lock.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s::integer, hashtext(%s))",
            [_ADDRESS_BOOK_LOCK, str(uuid.UUID(str(user_id)))],
        )


def _default_clear(*, user_id: uuid.UUID | str) -> None:
    # Before another address becomes the default: the index allows one at a time.
    Address.objects.filter(user_id=user_id, is_default=True).update(
        is_default=False, updated_at=timezone.now()
    )


def address_create(
    *,
    user_id: uuid.UUID | str,
    name: str,
    line1: str,
    city: str,
    postal_code: str,
    country: str,
    line2: str = "",
    phone: str = "",
    is_default: bool = False,
) -> Address:
    """Saves an address in the user's book and returns it.

    The first address of a book is its default whatever `is_default` says;
    `is_default=True` takes the default from the current one. Raises
    AddressBookFull (409) when the book already holds ADDRESS_BOOK_SIZE_MAX
    addresses, writing nothing."""
    with transaction.atomic():
        _address_book_lock(user_id=user_id)
        count = Address.objects.filter(user_id=user_id).count()
        if count >= ADDRESS_BOOK_SIZE_MAX:
            raise AddressBookFull()
        is_default = is_default or count == 0
        if is_default:
            _default_clear(user_id=user_id)
        return Address.objects.create(
            user_id=user_id,
            name=name,
            line1=line1,
            line2=line2,
            city=city,
            postal_code=postal_code,
            country=country,
            phone=phone,
            is_default=is_default,
        )


def address_update(
    *, address_id: uuid.UUID, user_id: uuid.UUID | str, data: Mapping[str, Any]
) -> Address:
    """Sets the given fields of the user's address and returns it; fields whose
    value does not change are not written (an empty `data` writes nothing).

    `is_default=True` takes the default from the current one. Raises
    AddressNotFound (404), and ValidationError (400, `is_default`) for
    `is_default=False` on the default: a book with addresses keeps one default,
    which moves only when another address is made the default."""
    with transaction.atomic():
        _address_book_lock(user_id=user_id)
        address = selectors.address_get(address_id=address_id, user_id=user_id)
        changed = [
            field
            for field in ADDRESS_UPDATE_FIELDS
            if field in data and getattr(address, field) != data[field]
        ]
        if not changed:
            return address
        if "is_default" in changed:
            if not data["is_default"]:
                raise ValidationError({"is_default": ["Make another address the default instead."]})
            _default_clear(user_id=user_id)
        for field in changed:
            setattr(address, field, data[field])
        address.save(update_fields=[*changed, "updated_at"])
    return address


def address_delete(*, address_id: uuid.UUID, user_id: uuid.UUID | str) -> None:
    """Deletes the user's address. When it was the default, the newest of the
    remaining addresses becomes the default. Orders keep their own copies, so
    none changes. Raises AddressNotFound (404)."""
    with transaction.atomic():
        _address_book_lock(user_id=user_id)
        address = selectors.address_get(address_id=address_id, user_id=user_id)
        address.delete()
        if not address.is_default:
            return
        successor = Address.objects.filter(user_id=user_id).order_by("-created_at", "-id").first()
        if successor is not None:
            successor.is_default = True
            successor.save(update_fields=["is_default", "updated_at"])
