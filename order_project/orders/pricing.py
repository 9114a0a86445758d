"""The one calculator of order money: line totals and the order total, in Decimal."""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# NUMERIC(12,2): the largest amount a money column holds.
MONEY_MAX = Decimal("9999999999.99")


def money_round(*, amount: Decimal) -> Decimal:
    """Returns `amount` rounded half-up to cents."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def line_total_calculate(*, unit_price: Decimal, quantity: int) -> Decimal:
    """Returns `unit_price * quantity` in cents."""
    return money_round(amount=unit_price * quantity)


def order_total_calculate(*, line_totals: Iterable[Decimal]) -> Decimal:
    """Returns the sum of the line totals in cents."""
    return money_round(amount=sum(line_totals, ZERO))
