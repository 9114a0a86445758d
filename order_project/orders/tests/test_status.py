import itertools

import pytest

from orders import status
from orders.status import OrderStatus

S = OrderStatus
LEGAL = {
    (S.PENDING_PAYMENT, S.PAID),
    (S.PENDING_PAYMENT, S.PAYMENT_FAILED),
    (S.PENDING_PAYMENT, S.CANCELLED),
    (S.PAYMENT_FAILED, S.CANCELLED),
    (S.PAID, S.SHIPPED),
    (S.SHIPPED, S.DELIVERED),
    (S.PAID, S.REFUNDED),
    (S.SHIPPED, S.REFUNDED),
    (S.DELIVERED, S.REFUNDED),
}
ILLEGAL = set(itertools.product(S.values, S.values)) - LEGAL


@pytest.mark.parametrize(("from_status", "to_status"), sorted(LEGAL))
def test_every_transition_of_the_design_is_allowed(from_status, to_status):
    assert status.transition_allowed(from_status=from_status, to_status=to_status)


@pytest.mark.parametrize(("from_status", "to_status"), sorted(ILLEGAL))
def test_every_other_transition_is_refused(from_status, to_status):
    assert not status.transition_allowed(from_status=from_status, to_status=to_status)


def test_an_unknown_status_allows_nothing():
    assert not status.transition_allowed(from_status="lost", to_status=S.PAID)


@pytest.mark.parametrize(
    ("from_status", "to_status", "returns"),
    [
        (S.PENDING_PAYMENT, S.CANCELLED, True),
        (S.PAYMENT_FAILED, S.CANCELLED, True),
        (S.PAID, S.REFUNDED, True),
        (S.SHIPPED, S.REFUNDED, False),
        (S.DELIVERED, S.REFUNDED, False),
        (S.PENDING_PAYMENT, S.PAID, False),
    ],
)
def test_stock_goes_back_only_for_goods_that_never_left(from_status, to_status, returns):
    assert status.stock_returns(from_status=from_status, to_status=to_status) is returns
