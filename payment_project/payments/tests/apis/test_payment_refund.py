import uuid

import pytest

from payments.models import (
    CallbackOutbox,
    CallbackStatus,
    Payment,
    PaymentStatus,
    PaymentTransaction,
    TransactionKind,
)
from payments.tests.conftest import callback_url
from payments.tests.factories import (
    CallbackOutboxFactory,
    PaymentFactory,
    payment_succeeded_create,
)

pytestmark = pytest.mark.django_db


def refund_url(payment_id) -> str:
    return f"/payment/{payment_id}/refund"


def test_an_admin_refund_answers_201_with_the_refund_transaction(admin):
    payment = payment_succeeded_create()

    response = admin.post(refund_url(payment.id))

    assert response.status_code == 201
    body = response.json()
    assert body["kind"] == "refund"
    assert body["amount"] == "19.90"
    assert body["status"] == "succeeded"
    assert "created_at" in body
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED


def test_a_refund_queues_a_refunded_callback_for_the_order(admin):
    payment = payment_succeeded_create()

    admin.post(refund_url(payment.id))

    callback = CallbackOutbox.objects.get()
    assert callback.order_id == payment.order_id
    assert callback.status == CallbackStatus.PENDING
    assert callback.body == {
        "payment_id": str(payment.id),
        "status": "refunded",
        "amount": "19.90",
    }


def test_the_refund_callback_is_sent_at_once_when_the_order_knows_the_payment(
    admin, http, django_capture_on_commit_callbacks
):
    payment = payment_succeeded_create()
    CallbackOutboxFactory(payment=payment, status=CallbackStatus.DELIVERED)
    http.post(callback_url(payment.order_id), json={"status": "refunded"})

    with django_capture_on_commit_callbacks(execute=True):
        admin.post(refund_url(payment.id))

    refund_callback = CallbackOutbox.objects.get(body__status="refunded")
    assert refund_callback.status == CallbackStatus.DELIVERED
    assert len(http.calls) == 1


def test_a_refund_is_not_sent_before_the_payments_own_callback_reached_the_order(
    admin, http, django_capture_on_commit_callbacks
):
    payment = payment_succeeded_create()
    # The order service was down when the payment was made: it has not heard
    # of the payment yet and would refuse a refund of an unpaid order.
    CallbackOutboxFactory(payment=payment, attempts=1)
    http.post(callback_url(payment.order_id), status=409, json={"detail": "Illegal."})

    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(refund_url(payment.id))

    assert response.status_code == 201
    assert len(http.calls) == 0
    refund_callback = CallbackOutbox.objects.get(body__status="refunded")
    assert refund_callback.status == CallbackStatus.PENDING
    assert refund_callback.attempts == 0


def test_the_refunded_payment_shows_the_refund_transaction(admin):
    payment = payment_succeeded_create()
    admin.post(refund_url(payment.id))

    response = admin.get(f"/payment/{payment.id}")

    assert response.json()["status"] == "refunded"
    assert [t["kind"] for t in response.json()["transactions"]] == [
        "authorize",
        "capture",
        "refund",
    ]


def test_a_second_refund_is_409_and_writes_nothing_more(admin):
    payment = payment_succeeded_create()
    admin.post(refund_url(payment.id))

    response = admin.post(refund_url(payment.id))

    assert response.status_code == 409
    assert response.json() == {"detail": "Nothing is left to refund on this payment."}
    assert PaymentTransaction.objects.filter(kind=TransactionKind.REFUND).count() == 1
    assert CallbackOutbox.objects.count() == 1


def test_refunding_a_failed_payment_is_409_and_writes_nothing(admin):
    payment = PaymentFactory(status=PaymentStatus.FAILED)

    response = admin.post(refund_url(payment.id))

    assert response.status_code == 409
    assert not PaymentTransaction.objects.exists()
    assert not CallbackOutbox.objects.exists()
    assert Payment.objects.get().status == PaymentStatus.FAILED


def test_a_customer_refund_is_403_and_writes_nothing(customer, customer_id):
    payment = payment_succeeded_create(user_id=customer_id)

    response = customer.post(refund_url(payment.id))

    assert response.status_code == 403
    assert "detail" in response.json()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert not CallbackOutbox.objects.exists()


def test_a_refund_without_a_token_is_401(client):
    payment = payment_succeeded_create()

    response = client.post(refund_url(payment.id))

    assert response.status_code == 401
    assert not CallbackOutbox.objects.exists()


def test_refunding_an_unknown_payment_is_404(admin):
    response = admin.post(refund_url(uuid.uuid4()))

    assert response.status_code == 404
    assert response.json() == {"detail": "Payment not found."}
    assert not CallbackOutbox.objects.exists()


def test_refunding_a_malformed_id_is_404(admin):
    response = admin.post("/payment/nope/refund")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
