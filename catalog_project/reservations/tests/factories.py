import uuid

import factory
from factory.django import DjangoModelFactory

from reservations.models import Reservation, ReservationItem


class ReservationFactory(DjangoModelFactory):
    class Meta:
        model = Reservation

    order_id = factory.LazyFunction(uuid.uuid4)


class ReservationItemFactory(DjangoModelFactory):
    class Meta:
        model = ReservationItem

    reservation = factory.SubFactory(ReservationFactory)
    product_id = factory.LazyFunction(uuid.uuid4)
    quantity = 1
