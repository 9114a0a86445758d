from decimal import Decimal

import pytest

from payments.cards import Card
from payments.exceptions import PaymentDeclined
from payments.processor import EmulatorProcessor, processor_get


def card(number: str) -> Card:
    return Card(number=number, exp_month=1, exp_year=2099, cvc="123")


def test_the_emulator_authorizes_the_success_card_without_raising():
    result = EmulatorProcessor().authorize(
        card=card("4242424242424242"), amount=Decimal("1.00"), currency="KZT"
    )

    assert result is None


def test_the_emulator_declines_the_decline_card():
    with pytest.raises(PaymentDeclined) as declined:
        EmulatorProcessor().authorize(
            card=card("4000000000000002"), amount=Decimal("1.00"), currency="KZT"
        )

    assert declined.value.code == "card_declined"


def test_the_configured_processor_is_the_emulator_by_default():
    assert isinstance(processor_get(), EmulatorProcessor)
    assert processor_get().provider == "emulator"
