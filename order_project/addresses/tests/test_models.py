import uuid

import pytest
from django.db import IntegrityError, transaction
from orders.serializers import ShippingAddressSerializer

from addresses.models import Address
from addresses.tests.factories import AddressFactory

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_second_default_for_one_user():
    user_id = uuid.uuid4()
    AddressFactory(user_id=user_id, is_default=True)

    with (
        pytest.raises(IntegrityError, match="addresses_one_default_per_user"),
        transaction.atomic(),
    ):
        AddressFactory(user_id=user_id, is_default=True)

    assert Address.objects.filter(user_id=user_id).count() == 1


def test_the_database_refuses_a_second_default_set_by_an_update():
    user_id = uuid.uuid4()
    AddressFactory(user_id=user_id, is_default=True)
    other = AddressFactory(user_id=user_id)

    with (
        pytest.raises(IntegrityError, match="addresses_one_default_per_user"),
        transaction.atomic(),
    ):
        Address.objects.filter(pk=other.pk).update(is_default=True)


def test_each_user_has_a_default_of_their_own_and_any_number_of_others():
    AddressFactory(is_default=True)
    AddressFactory(is_default=True)
    user_id = uuid.uuid4()
    AddressFactory.create_batch(3, user_id=user_id)

    assert Address.objects.filter(is_default=True).count() == 2


@pytest.mark.parametrize(
    ("change", "constraint"),
    [
        ({"country": "kz"}, "addresses_country_alpha2"),
        ({"country": "K"}, "addresses_country_alpha2"),
        ({"name": ""}, "addresses_required_not_blank"),
        ({"postal_code": ""}, "addresses_required_not_blank"),
    ],
)
def test_the_database_refuses_what_the_rules_never_let_through(change, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        AddressFactory(**change)


def test_the_columns_hold_exactly_what_the_shipping_address_rules_accept():
    rules = ShippingAddressSerializer().fields

    for name, field in rules.items():
        assert Address._meta.get_field(name).max_length == field.max_length, name
