from decimal import Decimal

import pytest

from shop_common.money import MONEY_MAX, money_parse


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("19.90", Decimal("19.90")),
        ("0", Decimal("0")),
        (7, Decimal("7")),
        ("9999999999.99", MONEY_MAX),
    ],
)
def test_a_money_value_parses_to_an_exact_decimal(value, expected):
    assert money_parse(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "10000000000.00",
        "1e30",
        "1e999999",
        "-0.01",
        "0.001",
        "NaN",
        "Infinity",
        "abc",
        "",
        None,
        True,
        1.5,
        ["1"],
    ],
)
def test_anything_that_cannot_be_stored_as_money_is_refused(value):
    with pytest.raises(ValueError):
        money_parse(value)
