"""The card processor behind a small interface, so a real provider's adapter
can replace the emulator (`settings.PAYMENT_PROCESSOR`)."""

from decimal import Decimal
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from payments.cards import Card
from payments.exceptions import PaymentDeclined
from payments.models import Provider


class PaymentProcessor(Protocol):
    """What the payment service needs from a card processor."""

    provider: str

    def authorize(self, *, card: Card, amount: Decimal, currency: str) -> None:
        """Holds `amount` on the card; raises `PaymentDeclined` if refused."""

    def capture(self, *, amount: Decimal, currency: str) -> None:
        """Takes the authorized amount."""

    def refund(self, *, amount: Decimal, currency: str) -> None:
        """Pays a captured amount back."""


class EmulatorProcessor:
    """The emulated processor of DESIGN.md: test card numbers, no network.

    `4000000000000002` is declined; every other number (already Luhn-checked)
    is accepted, as a provider's generic test cards are."""

    provider = Provider.EMULATOR
    DECLINED_CARDS = {"4000000000000002": "card_declined"}

    def authorize(self, *, card: Card, amount: Decimal, currency: str) -> None:
        code = self.DECLINED_CARDS.get(card.number)
        if code is not None:
            raise PaymentDeclined(code=code)

    def capture(self, *, amount: Decimal, currency: str) -> None:
        return None

    def refund(self, *, amount: Decimal, currency: str) -> None:
        return None


def processor_get() -> PaymentProcessor:
    """Returns the configured processor."""
    return import_string(settings.PAYMENT_PROCESSOR)()
