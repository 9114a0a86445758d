"""Money as every API and database holds it (DESIGN.md §3): NUMERIC(12,2),
a decimal string in JSON ("19.90"), never a float."""

from decimal import Decimal, InvalidOperation

CENT = Decimal("0.01")
MONEY_MAX = Decimal("9999999999.99")


def money_parse(value: object) -> Decimal:
    """Returns the Decimal of a money value another service sent; raises
    ValueError unless it is a finite amount from 0 to MONEY_MAX with at most
    two decimal places (anything else could not be stored or shown, and must
    become a clear error, not a 500)."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise ValueError(f"not a money value: {value!r}")
    try:
        amount = Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(f"not a money value: {value!r}") from exc
    # Magnitude before places: quantizing a huge value would itself raise.
    if not amount.is_finite() or not 0 <= amount <= MONEY_MAX or amount != amount.quantize(CENT):
        raise ValueError(f"not a money value: {value!r}")
    return amount
