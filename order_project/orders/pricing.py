"""The one calculator of order money: line totals and the order total, in Decimal."""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from shop_common.money import CENT, MONEY_MAX

__all__ = [
    "CENT",
    "MONEY_MAX",
    "ZERO",
    "line_total_calculate",
    "money_round",
    "order_total_calculate",
]

ZERO = Decimal("0.00")


def money_round(*, amount: Decimal) -> Decimal:
    """Returns `amount` rounded half-up to cents."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def line_total_calculate(*, unit_price: Decimal, quantity: int) -> Decimal:
    """Returns `unit_price * quantity` in cents."""
    return money_round(amount=unit_price * quantity)


def order_total_calculate(*, line_totals: Iterable[Decimal]) -> Decimal:
    """Returns the sum of the line totals in cents."""
    return money_round(amount=sum(line_totals, ZERO))
