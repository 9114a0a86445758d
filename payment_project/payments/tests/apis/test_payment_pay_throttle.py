"""Card testing is throttled: after PAYMENT_DECLINES_PER_HOUR (5) declined
payments within an hour, the user's POST /payment/pay is 429 with Retry-After,
before anything is written or asked."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from payments import selectors
from payments.models import CallbackOutbox, Payment, PaymentStatus, PaymentTransaction
from payments.tests.conftest import DECLINED_CARD
from payments.tests.factories import PaymentFactory, payment_succeeded_create

pytestmark = pytest.mark.django_db

PAY = "/payment/pay"
HOUR = timedelta(hours=1)


class Clock:
    """`django.utils.timezone.now`, held at a time the test moves."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fixed = Clock(timezone.now().replace(microsecond=0))
    monkeypatch.setattr(timezone, "now", fixed)
    return fixed


def declines_made(*, user_id, at: list) -> None:
    """Declined payments of `user_id`, one made at each time of `at`."""
    for when in at:
        payment = PaymentFactory(user_id=user_id, status=PaymentStatus.FAILED, card_last4="0002")
        Payment.objects.filter(pk=payment.pk).update(created_at=when)


def written() -> tuple[int, int, int]:
    return (
        Payment.objects.count(),
        PaymentTransaction.objects.count(),
        CallbackOutbox.objects.count(),
    )


def test_after_five_declines_the_sixth_payment_is_429_with_retry_after_and_writes_nothing(
    customer, order_stub, pay_body, http, clock
):
    start = clock.now
    for minute in range(5):
        clock.now = start + timedelta(minutes=minute)
        order_id = uuid.uuid4()
        order_stub(order_id)
        declined = customer.post(PAY, pay_body(order_id, card_number=DECLINED_CARD), format="json")
        assert declined.status_code == 201
        assert declined.json()["status"] == "failed"
    clock.now = start + timedelta(minutes=10)
    order_id = uuid.uuid4()
    order_stub(order_id)
    before, calls_before = written(), len(http.calls)

    response = customer.post(PAY, pay_body(order_id), format="json")

    assert response.status_code == 429
    assert response.json() == {
        "detail": "Too many declined payments in the last hour. Expected available in 3000 seconds."
    }
    # The oldest decline (at `start`) leaves the hour 50 minutes from now.
    assert response.headers["Retry-After"] == "3000"
    assert written() == before
    assert len(http.calls) == calls_before


def test_the_throttle_is_checked_before_the_input(customer, customer_id, http, clock):
    declines_made(user_id=customer_id, at=[clock.now - timedelta(minutes=1)] * 5)

    response = customer.post(PAY, {"card_number": "\x00"}, format="json")

    assert response.status_code == 429
    assert response.headers["Retry-After"] == "3540"
    assert Payment.objects.count() == 5


def test_four_declines_still_allow_a_fifth_attempt(
    customer, customer_id, order_stub, pay_body, clock
):
    declines_made(user_id=customer_id, at=[clock.now - timedelta(minutes=5)] * 4)
    order_id = uuid.uuid4()
    order_stub(order_id)

    response = customer.post(PAY, pay_body(order_id), format="json")

    assert response.status_code == 201


def test_another_users_declines_do_not_hold_this_user_back(
    customer, other_customer, customer_id, order_stub, pay_body, clock
):
    declines_made(user_id=customer_id, at=[clock.now - timedelta(minutes=5)] * 5)
    order_id = uuid.uuid4()
    order_stub(order_id)

    assert customer.post(PAY, pay_body(uuid.uuid4()), format="json").status_code == 429
    response = other_customer.post(PAY, pay_body(order_id), format="json")

    assert response.status_code == 201


def test_successful_and_refunded_payments_do_not_count(
    customer, customer_id, order_stub, pay_body, clock
):
    declines_made(user_id=customer_id, at=[clock.now - timedelta(minutes=5)] * 4)
    for _ in range(5):
        payment_succeeded_create(user_id=customer_id)
    PaymentFactory(user_id=customer_id, status=PaymentStatus.REFUNDED)
    order_id = uuid.uuid4()
    order_stub(order_id)

    response = customer.post(PAY, pay_body(order_id), format="json")

    assert response.status_code == 201


def test_once_the_oldest_decline_is_an_hour_old_the_user_may_pay_again(
    customer, customer_id, order_stub, pay_body, clock
):
    start = clock.now
    declines_made(user_id=customer_id, at=[start + timedelta(minutes=m) for m in range(5)])
    order_id = uuid.uuid4()
    order_stub(order_id)

    clock.now = start + HOUR - timedelta(seconds=1)
    almost = customer.post(PAY, pay_body(order_id), format="json")
    clock.now = start + HOUR
    allowed = customer.post(PAY, pay_body(order_id), format="json")

    assert almost.status_code == 429
    assert almost.headers["Retry-After"] == "1"
    assert allowed.status_code == 201
    # One more decline would make five within the hour again.
    clock.now = start + HOUR + timedelta(seconds=30)
    declines_made(user_id=customer_id, at=[clock.now])
    again = customer.post(PAY, pay_body(uuid.uuid4()), format="json")
    assert again.status_code == 429
    assert again.headers["Retry-After"] == str(60 - 30)


def test_the_limit_comes_from_the_settings(
    customer, customer_id, order_stub, pay_body, settings, clock
):
    settings.PAYMENT_DECLINES_PER_HOUR = 2
    declines_made(user_id=customer_id, at=[clock.now - timedelta(minutes=1)])
    order_id = uuid.uuid4()
    order_stub(order_id)
    assert customer.post(PAY, pay_body(order_id), format="json").status_code == 201

    declines_made(user_id=customer_id, at=[clock.now])

    assert customer.post(PAY, pay_body(uuid.uuid4()), format="json").status_code == 429


def test_with_more_declines_than_the_limit_the_wait_lasts_until_fewer_than_the_limit_remain(
    customer_id,
):
    now = timezone.now()
    declined_at = [now - timedelta(minutes=m) for m in (50, 40, 30, 20, 10, 5, 1)]
    declines_made(user_id=customer_id, at=declined_at)

    until = selectors.payment_declines_throttled_until(
        user_id=customer_id, now=now, limit=5, window=HOUR
    )

    # Seven within the hour: it takes the three oldest leaving (the third at
    # now - 30 min) to bring them under five.
    assert until == now - timedelta(minutes=30) + HOUR


def test_a_throttled_user_can_still_read_their_payments(customer, customer_id, clock):
    declines_made(user_id=customer_id, at=[clock.now] * 5)

    assert customer.get("/payments").status_code == 200
