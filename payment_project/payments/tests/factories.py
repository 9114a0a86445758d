import uuid
from decimal import Decimal

import factory
from django.utils import timezone

from payments.models import (
    CallbackOutbox,
    Payment,
    PaymentStatus,
    PaymentTransaction,
    TransactionKind,
    TransactionStatus,
)


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    order_id = factory.LazyFunction(uuid.uuid4)
    user_id = factory.LazyFunction(uuid.uuid4)
    amount = Decimal("19.90")
    currency = "KZT"
    status = PaymentStatus.SUCCEEDED
    card_last4 = "4242"


class PaymentTransactionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PaymentTransaction

    payment = factory.SubFactory(PaymentFactory)
    kind = TransactionKind.CAPTURE
    amount = factory.SelfAttribute("payment.amount")
    status = TransactionStatus.SUCCEEDED


class CallbackOutboxFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallbackOutbox

    payment = factory.SubFactory(PaymentFactory)
    order_id = factory.SelfAttribute("payment.order_id")
    body = factory.LazyAttribute(
        lambda o: {
            "payment_id": str(o.payment.id),
            "status": o.payment.status,
            "amount": str(o.payment.amount),
        }
    )
    next_attempt_at = factory.LazyFunction(timezone.now)


def payment_succeeded_create(**kwargs) -> Payment:
    """A succeeded payment with its authorize and capture transactions."""
    payment = PaymentFactory(status=PaymentStatus.SUCCEEDED, **kwargs)
    for kind in (TransactionKind.AUTHORIZE, TransactionKind.CAPTURE):
        PaymentTransactionFactory(payment=payment, kind=kind)
    return payment
