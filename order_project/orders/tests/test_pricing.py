from decimal import Decimal

from orders.pricing import line_total_calculate, money_round, order_total_calculate


def test_a_line_total_is_the_exact_product_in_cents():
    assert line_total_calculate(unit_price=Decimal("19.90"), quantity=3) == Decimal("59.70")


def test_the_order_total_sums_the_lines_without_float_error():
    totals = [Decimal("0.10")] * 3

    assert order_total_calculate(line_totals=totals) == Decimal("0.30")


def test_an_empty_order_totals_zero_in_cents():
    assert str(order_total_calculate(line_totals=[])) == "0.00"


def test_money_rounds_half_up():
    assert money_round(amount=Decimal("0.125")) == Decimal("0.13")
