import uuid

import factory
from factory.django import DjangoModelFactory

from addresses.models import Address


class AddressFactory(DjangoModelFactory):
    """A saved address; not the default unless told (services make the first one so)."""

    class Meta:
        model = Address

    user_id = factory.LazyFunction(uuid.uuid4)
    name = factory.Faker("name")
    line1 = factory.Sequence(lambda n: f"{n} Abay Avenue")
    line2 = ""
    city = "Almaty"
    postal_code = factory.Sequence(lambda n: f"{50000 + n:06d}")
    country = "KZ"
    phone = ""
    is_default = False
