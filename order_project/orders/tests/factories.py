import uuid
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from orders.models import Order, OrderEvent, OrderLine
from orders.status import OrderStatus


class OrderFactory(DjangoModelFactory):
    """An order with one line (2 x 19.90) and its creation event."""

    class Meta:
        model = Order
        skip_postgeneration_save = True

    user_id = factory.LazyFunction(uuid.uuid4)
    email = factory.Sequence(lambda n: f"buyer{n}@example.com")
    status = OrderStatus.PENDING_PAYMENT
    total = Decimal("39.80")
    currency = "KZT"
    shipping_address = factory.LazyFunction(
        lambda: {
            "name": "Aigerim Sadykova",
            "line1": "12 Abay Avenue",
            "line2": "",
            "city": "Almaty",
            "postal_code": "050000",
            "country": "KZ",
            "phone": "",
        }
    )
    line = factory.RelatedFactory("orders.tests.factories.OrderLineFactory", "order")
    created_event = factory.RelatedFactory(
        "orders.tests.factories.OrderEventFactory",
        "order",
        from_status=None,
        to_status=OrderStatus.PENDING_PAYMENT,
    )


class OrderLineFactory(DjangoModelFactory):
    class Meta:
        model = OrderLine

    order = factory.SubFactory(OrderFactory, line=None)
    position = factory.Sequence(lambda n: n)
    product_id = factory.LazyFunction(uuid.uuid4)
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    name = factory.Faker("sentence", nb_words=3)
    unit_price = Decimal("19.90")
    quantity = 2
    line_total = factory.LazyAttribute(lambda line: line.unit_price * line.quantity)


class OrderEventFactory(DjangoModelFactory):
    class Meta:
        model = OrderEvent

    order = factory.SubFactory(OrderFactory, created_event=None)
    from_status = None
    to_status = OrderStatus.PENDING_PAYMENT
    actor = factory.LazyAttribute(lambda event: f"customer:{event.order.user_id}")
    note = ""
