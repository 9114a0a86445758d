from datetime import date

import pytest

from payments.cards import Card, card_expired, card_number_luhn_valid


@pytest.mark.parametrize(
    "number", ["4242424242424242", "4000000000000002", "5555555555554444", "378282246310005"]
)
def test_known_test_cards_pass_the_luhn_check(number):
    assert card_number_luhn_valid(number=number)


@pytest.mark.parametrize("number", ["4242424242424241", "1234567812345678", "", "42a2"])
def test_a_wrong_check_digit_or_non_digits_fail_the_luhn_check(number):
    assert not card_number_luhn_valid(number=number)


def test_a_card_is_valid_through_the_last_day_of_its_expiry_month():
    assert not card_expired(exp_month=3, exp_year=2030, today=date(2030, 3, 31))
    assert card_expired(exp_month=3, exp_year=2030, today=date(2030, 4, 1))
    assert card_expired(exp_month=12, exp_year=2029, today=date(2030, 1, 1))


def test_a_cards_repr_shows_only_the_last_four_digits():
    card = Card(number="4242424242424242", exp_month=1, exp_year=2030, cvc="987")

    assert "4242424242424242" not in repr(card)
    assert "987" not in repr(card)
    assert "4242" in str(card)
