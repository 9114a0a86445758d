"""Card checks made before a processor sees the card. Nothing here logs or
keeps the number."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Card:
    """Card details for one charge; held in memory only, never stored.

    `repr` hides everything but the last four digits, so a card that ends up in
    a traceback or a log line does not leak its number or CVC."""

    number: str
    exp_month: int
    exp_year: int
    cvc: str

    @property
    def last4(self) -> str:
        return self.number[-4:]

    def __repr__(self) -> str:
        return f"Card(**** **** **** {self.last4}, {self.exp_month:02d}/{self.exp_year})"

    __str__ = __repr__


def card_number_luhn_valid(*, number: str) -> bool:
    """Returns True when `number` (digits only) passes the Luhn checksum."""
    if not number.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def card_expired(*, exp_month: int, exp_year: int, today: date) -> bool:
    """Returns True once the last day of the expiry month has passed."""
    return (exp_year, exp_month) < (today.year, today.month)
