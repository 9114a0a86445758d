"""No lost charge: real threads, each with its own database connection,
paying one order at once; and the payment row is committed before the
processor is called."""

import threading
import uuid
from unittest import mock

import pytest
from django.db import connection

from payments.clients import order as order_client
from payments.models import (
    CallbackOutbox,
    Payment,
    PaymentStatus,
    PaymentTransaction,
    TransactionKind,
    TransactionStatus,
)
from payments.processor import EmulatorProcessor
from payments.tests.conftest import DECLINED_CARD
from shop_common.testing import api_client_as_user

pytestmark = pytest.mark.django_db(transaction=True)

PAY = "/payment/pay"


class ProcessorSpy:
    """Counts what the emulator was asked to do, across threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.calls: list[str] = []

    def wrap(self, kind: str, real):
        def spied(processor, **kwargs):
            with self.lock:
                self.calls.append(kind)
            return real(processor, **kwargs)

        return spied

    def count(self, kind: str) -> int:
        return self.calls.count(kind)


@pytest.fixture
def processor_spy():
    spy = ProcessorSpy()
    with (
        mock.patch.object(
            EmulatorProcessor, "authorize", spy.wrap("authorize", EmulatorProcessor.authorize)
        ),
        mock.patch.object(
            EmulatorProcessor, "capture", spy.wrap("capture", EmulatorProcessor.capture)
        ),
        mock.patch.object(
            EmulatorProcessor, "refund", spy.wrap("refund", EmulatorProcessor.refund)
        ),
    ):
        yield spy


def _pay_concurrently(*, user_id, bodies, headers=None) -> list:
    """Sends the pay requests at once from separate threads (each with its own
    database connection). Every request, once it has read the order, waits
    until all of them have: they all passed their checks before any of them
    records or charges anything, so they really race."""
    barrier = threading.Barrier(len(bodies), timeout=10)
    real_order_get = order_client.order_get
    responses = [None] * len(bodies)

    def order_get_together(**kwargs):
        order = real_order_get(**kwargs)
        barrier.wait()
        return order

    def send(index, body):
        try:
            client = api_client_as_user(user_id=user_id)
            responses[index] = client.post(PAY, body, format="json", headers=headers or {})
        finally:
            connection.close()

    with mock.patch.object(order_client, "order_get", order_get_together):
        threads = [
            threading.Thread(target=send, args=(index, body)) for index, body in enumerate(bodies)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    return responses


def _recorded(kind: str) -> int:
    return PaymentTransaction.objects.filter(kind=kind, status=TransactionStatus.SUCCEEDED).count()


def test_two_concurrent_payments_of_one_order_end_with_one_payment_and_a_409(
    customer_id, order_stub, pay_body
):
    order_id = uuid.uuid4()
    order_stub(order_id)

    responses = _pay_concurrently(
        user_id=customer_id, bodies=[pay_body(order_id), pay_body(order_id)]
    )

    assert sorted(response.status_code for response in responses) == [201, 409]
    assert Payment.objects.count() == 1
    assert CallbackOutbox.objects.count() == 1


def test_two_concurrent_requests_with_one_key_both_answer_the_one_payment(
    customer_id, order_stub, pay_body
):
    order_id = uuid.uuid4()
    order_stub(order_id)

    responses = _pay_concurrently(
        user_id=customer_id,
        bodies=[pay_body(order_id), pay_body(order_id)],
        headers={"Idempotency-Key": "double-click"},
    )

    assert [response.status_code for response in responses] == [201, 201]
    assert responses[0].json() == responses[1].json()
    assert responses[0].json()["status"] == "succeeded"
    assert Payment.objects.count() == 1


@pytest.mark.parametrize("headers", [None, {"Idempotency-Key": "same-click"}])
def test_many_concurrent_payments_of_one_order_capture_once_and_no_capture_is_kept_unrecorded(
    customer_id, order_stub, pay_body, processor_spy, headers
):
    order_id = uuid.uuid4()
    order_stub(order_id)
    threads = 8

    responses = _pay_concurrently(
        user_id=customer_id, bodies=[pay_body(order_id)] * threads, headers=headers
    )

    codes = [response.status_code for response in responses]
    assert set(codes) <= {201, 409}, codes
    if headers is None:
        assert sorted(codes) == [201] + [409] * (threads - 1)
    else:
        # The same key: every request answers with the one payment.
        assert codes == [201] * threads
        assert len({response.json()["id"] for response in responses}) == 1
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.SUCCEEDED
    # Every capture made at the processor is recorded, and every capture
    # beyond the one kept was refunded and the refund recorded.
    assert processor_spy.count("capture") == _recorded(TransactionKind.CAPTURE)
    assert processor_spy.count("refund") == _recorded(TransactionKind.REFUND)
    assert processor_spy.count("capture") - processor_spy.count("refund") == 1
    assert PaymentTransaction.objects.filter(payment=payment, kind=TransactionKind.CAPTURE).exists()
    callback = CallbackOutbox.objects.get()
    assert callback.body == {
        "payment_id": str(payment.id),
        "status": "succeeded",
        "amount": "19.90",
    }


def test_concurrent_declined_payments_of_one_order_authorize_once(
    customer_id, order_stub, pay_body, processor_spy
):
    order_id = uuid.uuid4()
    order_stub(order_id)

    responses = _pay_concurrently(
        user_id=customer_id, bodies=[pay_body(order_id, card_number=DECLINED_CARD)] * 4
    )

    assert sorted(response.status_code for response in responses) == [201, 409, 409, 409]
    assert processor_spy.calls == ["authorize"]
    assert Payment.objects.get().status == PaymentStatus.FAILED
    assert CallbackOutbox.objects.get().body["status"] == "failed"


def _payment_rows_seen_from_another_connection(order_id) -> list[tuple[str, int]]:
    """Returns `(status, transactions)` of the order's payments as another
    database connection sees them: only what is committed."""
    seen = []

    def look():
        try:
            seen.extend(
                (payment.status, payment.transactions.count())
                for payment in Payment.objects.filter(order_id=order_id)
            )
        finally:
            connection.close()

    thread = threading.Thread(target=look)
    thread.start()
    thread.join(timeout=10)
    return seen


@pytest.mark.parametrize("step", ["authorize", "capture"])
def test_the_payment_row_is_committed_before_the_processor_is_called(
    customer, order_stub, pay_body, step
):
    order_id = uuid.uuid4()
    order_stub(order_id)
    real_step = getattr(EmulatorProcessor, step)
    seen_at_processor = []

    def looking(processor, **kwargs):
        seen_at_processor.extend(_payment_rows_seen_from_another_connection(order_id))
        return real_step(processor, **kwargs)

    with mock.patch.object(EmulatorProcessor, step, looking):
        response = customer.post(PAY, pay_body(order_id), format="json")

    assert response.status_code == 201
    assert seen_at_processor == [(PaymentStatus.PROCESSING, 0)]
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert payment.transactions.count() == 2


def test_a_request_that_dies_at_the_processor_leaves_the_payment_recorded_as_processing(
    customer, order_stub, pay_body
):
    order_id = uuid.uuid4()
    order_stub(order_id)

    def crash(processor, **kwargs):
        raise SystemExit("worker killed mid-charge")

    with (
        mock.patch.object(EmulatorProcessor, "capture", crash),
        pytest.raises(SystemExit),
    ):
        customer.post(PAY, pay_body(order_id), format="json")

    # Whether the card was charged is unknown, but the attempt is on record,
    # so staff can reconcile it with the processor and nobody pays twice.
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.PROCESSING
    assert payment.card_last4 == "4242"
    assert not CallbackOutbox.objects.exists()
    again = customer.post(PAY, pay_body(order_id), format="json")
    assert again.status_code == 409
    assert again.json() == {"detail": "A payment for this order is already being processed."}
