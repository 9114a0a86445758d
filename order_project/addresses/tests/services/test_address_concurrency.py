"""Real threads, each with its own database connection, against the per-user
advisory lock of the address book."""

import threading
import uuid

import pytest
from django.db import connection

from addresses.exceptions import AddressBookFull
from addresses.models import ADDRESS_BOOK_SIZE_MAX, Address
from addresses.services import address_create, address_delete, address_update
from addresses.tests.factories import AddressFactory

pytestmark = pytest.mark.django_db(transaction=True)

ADDRESS = {
    "name": "Aigerim Sadykova",
    "line1": "12 Abay Avenue",
    "city": "Almaty",
    "postal_code": "050000",
    "country": "KZ",
}


def _run_together(count: int, work) -> list:
    """Runs `work(index)` in `count` threads released at once; returns the outcomes."""
    barrier = threading.Barrier(count)
    outcomes: list = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = work(index)
        except Exception as exc:  # the outcome under test, recorded per thread
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_concurrent_saves_never_take_a_book_past_its_limit():
    user_id = uuid.uuid4()
    AddressFactory.create_batch(ADDRESS_BOOK_SIZE_MAX - 3, user_id=user_id)

    outcomes = _run_together(10, lambda _: address_create(user_id=user_id, **ADDRESS))

    saved = [o for o in outcomes if isinstance(o, Address)]
    refused = [o for o in outcomes if isinstance(o, AddressBookFull)]
    assert (len(saved), len(refused)) == (3, 7), outcomes
    assert Address.objects.filter(user_id=user_id).count() == ADDRESS_BOOK_SIZE_MAX


def test_concurrent_first_saves_make_exactly_one_default():
    user_id = uuid.uuid4()

    outcomes = _run_together(8, lambda _: address_create(user_id=user_id, **ADDRESS))

    assert all(isinstance(o, Address) for o in outcomes), outcomes
    assert Address.objects.filter(user_id=user_id, is_default=True).count() == 1


def test_concurrent_moves_of_the_default_leave_exactly_one():
    user_id = uuid.uuid4()
    AddressFactory(user_id=user_id, is_default=True)
    others = AddressFactory.create_batch(6, user_id=user_id)

    outcomes = _run_together(
        6,
        lambda index: address_update(
            address_id=others[index].id, user_id=user_id, data={"is_default": True}
        ),
    )

    assert all(isinstance(o, Address) for o in outcomes), outcomes
    assert Address.objects.filter(user_id=user_id, is_default=True).count() == 1


def test_deleting_the_default_while_another_becomes_default_leaves_exactly_one():
    user_id = uuid.uuid4()
    default = AddressFactory(user_id=user_id, is_default=True)
    others = AddressFactory.create_batch(3, user_id=user_id)

    def work(index: int):
        if index == 0:
            return address_delete(address_id=default.id, user_id=user_id)
        return address_update(
            address_id=others[index - 1].id, user_id=user_id, data={"is_default": True}
        )

    outcomes = _run_together(4, work)

    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert Address.objects.filter(user_id=user_id, is_default=True).count() == 1
