import json
import uuid
from datetime import date
from decimal import Decimal

import pytest

from payments.models import (
    CallbackOutbox,
    CallbackStatus,
    Payment,
    PaymentStatus,
    PaymentTransaction,
)
from payments.tests.conftest import DECLINED_CARD, order_url
from payments.tests.factories import PaymentFactory, payment_succeeded_create

pytestmark = pytest.mark.django_db

PAY = "/payment/pay"


def nothing_written() -> bool:
    return (
        not Payment.objects.exists()
        and not PaymentTransaction.objects.exists()
        and not CallbackOutbox.objects.exists()
    )


def test_a_good_card_pays_the_order_total_and_answers_201_succeeded(
    customer, customer_id, order_stub, pay_body
):
    order_id = uuid.uuid4()
    order_stub(order_id, total="19.90")

    response = customer.post(PAY, pay_body(order_id), format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "succeeded"
    assert body["order_id"] == str(order_id)
    assert body["amount"] == "19.90"
    assert body["currency"] == "KZT"
    assert body["card_last4"] == "4242"
    assert body["provider"] == "emulator"
    assert [(t["kind"], t["status"], t["amount"]) for t in body["transactions"]] == [
        ("authorize", "succeeded", "19.90"),
        ("capture", "succeeded", "19.90"),
    ]
    payment = Payment.objects.get()
    assert str(payment.id) == body["id"]
    assert str(payment.user_id) == customer_id
    assert payment.amount == Decimal("19.90")


def test_a_successful_payment_queues_a_succeeded_callback_in_the_outbox(
    customer, order_stub, pay_body
):
    order_id = uuid.uuid4()
    order_stub(order_id, total="250.00")

    response = customer.post(PAY, pay_body(order_id), format="json")

    callback = CallbackOutbox.objects.get()
    assert callback.order_id == order_id
    assert callback.status == CallbackStatus.PENDING
    assert callback.body == {
        "payment_id": response.json()["id"],
        "status": "succeeded",
        "amount": "250.00",
    }


def test_the_amount_comes_from_the_order_and_an_amount_in_the_body_is_ignored(
    customer, order_stub, pay_body
):
    order_id = uuid.uuid4()
    order_stub(order_id, total="99.99")

    response = customer.post(PAY, pay_body(order_id, amount="0.01"), format="json")

    assert response.status_code == 201
    assert response.json()["amount"] == "99.99"


def test_the_order_is_read_with_the_payers_own_token(customer, order_stub, pay_body, http):
    order_id = uuid.uuid4()
    order_stub(order_id)

    customer.post(PAY, pay_body(order_id), format="json")

    sent = http.calls[0].request
    assert sent.url == order_url(order_id)
    assert sent.headers["Authorization"] == customer._credentials["HTTP_AUTHORIZATION"]


def test_the_decline_card_answers_201_failed_with_a_failed_authorization(
    customer, order_stub, pay_body
):
    order_id = uuid.uuid4()
    order_stub(order_id)

    response = customer.post(PAY, pay_body(order_id, card_number=DECLINED_CARD), format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "failed"
    assert body["card_last4"] == "0002"
    assert [(t["kind"], t["status"]) for t in body["transactions"]] == [("authorize", "failed")]
    assert CallbackOutbox.objects.get().body["status"] == "failed"


def test_a_card_number_typed_in_groups_is_accepted(customer, order_stub, pay_body):
    order_id = uuid.uuid4()
    order_stub(order_id)

    response = customer.post(
        PAY, pay_body(order_id, card_number="4242 4242 4242 4242"), format="json"
    )

    assert response.status_code == 201
    assert response.json()["card_last4"] == "4242"


def test_a_form_encoded_body_is_accepted(customer, order_stub, pay_body):
    order_id = uuid.uuid4()
    order_stub(order_id)

    response = customer.post(PAY, pay_body(order_id))

    assert response.status_code == 201


def test_a_card_failing_the_luhn_check_is_400_keyed_by_card_number_and_writes_nothing(
    customer, http, pay_body
):
    response = customer.post(
        PAY, pay_body(uuid.uuid4(), card_number="4242424242424241"), format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["card_number"]
    assert len(http.calls) == 0
    assert nothing_written()


def test_an_expired_card_is_400_and_writes_nothing(customer, http, pay_body):
    today = date.today()
    last_month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)

    response = customer.post(
        PAY, pay_body(uuid.uuid4(), exp_month=last_month[1], exp_year=last_month[0]), format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"exp_year": ["The card has expired."]}
    assert len(http.calls) == 0
    assert nothing_written()


def test_a_card_expiring_this_month_is_still_accepted(customer, order_stub, pay_body):
    today = date.today()
    order_id = uuid.uuid4()
    order_stub(order_id)

    response = customer.post(
        PAY, pay_body(order_id, exp_month=today.month, exp_year=today.year), format="json"
    )

    assert response.status_code == 201


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("order_id", "not-a-uuid"),
        ("order_id", None),
        ("order_id", 42),
        ("card_number", "4242-4242-4242-4242"),
        ("card_number", "42424242424"),
        ("card_number", "42424242424242424242"),
        ("card_number", "abcd"),
        ("card_number", ""),
        ("card_number", True),
        ("card_number", ["4242424242424242"]),
        ("card_number", "\uff14\uff12" * 8),  # full-width digits
        ("exp_month", 0),
        ("exp_month", 13),
        ("exp_month", "twelve"),
        ("exp_month", 1.5),
        ("exp_year", 30),
        ("exp_year", 12345),
        ("exp_year", None),
        ("cvc", "12"),
        ("cvc", "12345"),
        ("cvc", "abc"),
        ("cvc", ""),
    ],
)
def test_bad_input_is_400_keyed_by_the_field_and_writes_nothing(
    customer, http, pay_body, field, value
):
    response = customer.post(PAY, pay_body(uuid.uuid4(), **{field: value}), format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert len(http.calls) == 0
    assert nothing_written()


@pytest.mark.parametrize("missing", ["order_id", "card_number", "exp_month", "exp_year", "cvc"])
def test_a_missing_field_is_400_and_writes_nothing(customer, http, pay_body, missing):
    body = pay_body(uuid.uuid4())
    del body[missing]

    response = customer.post(PAY, body, format="json")

    assert response.status_code == 400
    assert missing in response.json()
    assert nothing_written()


@pytest.mark.parametrize(
    "raw",
    [b"{not json", b"[]", b'"a string"', b"null", b"\xff\xfe", b"[" * 100_000 + b"]" * 100_000],
)
def test_a_body_that_is_not_a_json_object_is_400_and_writes_nothing(customer, http, raw):
    response = customer.generic("POST", PAY, raw, content_type="application/json")

    assert response.status_code == 400
    assert isinstance(response.json(), dict)
    assert nothing_written()


def test_an_oversized_body_is_refused_and_writes_nothing(customer, settings, pay_body):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = pay_body(uuid.uuid4(), padding="x" * 4096)

    response = customer.generic("POST", PAY, json.dumps(body), content_type="application/json")

    assert response.status_code in (400, 413)
    assert nothing_written()


@pytest.mark.parametrize("key", ["x" * 256, "has space", "naïve"])
def test_a_malformed_idempotency_key_is_400_and_writes_nothing(customer, http, pay_body, key):
    response = customer.post(
        PAY, pay_body(uuid.uuid4()), format="json", headers={"Idempotency-Key": key}
    )

    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()
    assert nothing_written()


def test_without_a_token_it_is_401_and_writes_nothing(client, http, pay_body):
    response = client.post(PAY, pay_body(uuid.uuid4()), content_type="application/json")

    assert response.status_code == 401
    assert "detail" in response.json()
    assert nothing_written()


def test_with_a_forged_token_it_is_401(client, http, pay_body):
    response = client.post(
        PAY,
        pay_body(uuid.uuid4()),
        content_type="application/json",
        headers={"Authorization": "Bearer not.a.token"},
    )

    assert response.status_code == 401
    assert "detail" in response.json()
    assert nothing_written()


def test_a_service_credential_cannot_pay(http, pay_body):
    from shop_common.testing import api_client_as_service

    service = api_client_as_service(audience="payment")

    response = service.post(PAY, pay_body(uuid.uuid4()), format="json")

    # Only user tokens authenticate here: a service credential is no user.
    assert response.status_code == 401
    assert nothing_written()


def test_another_users_order_is_404_and_writes_nothing(customer, order_stub, pay_body):
    order_id = uuid.uuid4()
    order_stub(order_id, http_status=404)

    response = customer.post(PAY, pay_body(order_id), format="json")

    assert response.status_code == 404
    assert response.json() == {"detail": "Order not found."}
    assert nothing_written()


def test_an_admin_cannot_pay_an_order_that_belongs_to_someone_else(admin, order_stub, pay_body):
    order_id = uuid.uuid4()
    order_stub(order_id, user_id=str(uuid.uuid4()))

    response = admin.post(PAY, pay_body(order_id), format="json")

    assert response.status_code == 404
    assert nothing_written()


def test_the_owner_named_by_the_order_may_pay_it(customer, customer_id, order_stub, pay_body):
    order_id = uuid.uuid4()
    order_stub(order_id, user_id=customer_id)

    response = customer.post(PAY, pay_body(order_id), format="json")

    assert response.status_code == 201


@pytest.mark.parametrize("order_status", ["paid", "payment_failed", "cancelled", "shipped"])
def test_an_order_not_awaiting_payment_is_409_and_writes_nothing(
    customer, order_stub, pay_body, order_status
):
    order_id = uuid.uuid4()
    order_stub(order_id, status=order_status)

    response = customer.post(PAY, pay_body(order_id), format="json")

    assert response.status_code == 409
    assert response.json() == {"detail": "This order is not awaiting payment."}
    assert nothing_written()


def test_a_second_payment_after_a_succeeded_one_is_409_even_before_the_order_hears_of_it(
    customer, customer_id, order_stub, pay_body
):
    order_id = uuid.uuid4()
    payment_succeeded_create(order_id=order_id, user_id=customer_id)
    # The callback has not reached the order service yet.
    order_stub(order_id, status="pending_payment")

    response = customer.post(PAY, pay_body(order_id), format="json")

    assert response.status_code == 409
    assert response.json() == {"detail": "This order has already been paid."}
    assert Payment.objects.count() == 1


def test_paying_again_after_a_decline_is_409(customer, customer_id, order_stub, pay_body):
    order_id = uuid.uuid4()
    PaymentFactory(order_id=order_id, user_id=customer_id, status=PaymentStatus.FAILED)
    order_stub(order_id, status="pending_payment")

    response = customer.post(PAY, pay_body(order_id), format="json")

    assert response.status_code == 409
    assert Payment.objects.count() == 1


def test_the_order_service_being_unreachable_is_503_and_writes_nothing(
    customer, order_stub, pay_body
):
    order_id = uuid.uuid4()
    order_stub(order_id, unreachable=True)

    response = customer.post(PAY, pay_body(order_id), format="json")

    assert response.status_code == 503
    assert "detail" in response.json()
    assert nothing_written()


def test_the_order_service_failing_with_500_is_503_and_writes_nothing(
    customer, order_stub, pay_body
):
    order_id = uuid.uuid4()
    order_stub(order_id, http_status=500)

    response = customer.post(PAY, pay_body(order_id), format="json")

    assert response.status_code == 503
    assert nothing_written()


@pytest.mark.parametrize(
    "total",
    ["not money", "-1.00", "1.999", "NaN", "Infinity", None, "10000000000.00", "1e30", [1]],
)
def test_an_order_with_an_unusable_total_is_503_and_writes_nothing(
    customer, order_stub, pay_body, total
):
    order_id = uuid.uuid4()
    order_stub(order_id, total=total)

    response = customer.post(PAY, pay_body(order_id), format="json")

    assert response.status_code == 503
    assert nothing_written()


def test_the_largest_total_money_can_hold_is_charged(customer, order_stub, pay_body):
    order_id = uuid.uuid4()
    order_stub(order_id, total="9999999999.99")

    response = customer.post(PAY, pay_body(order_id), format="json")

    assert response.status_code == 201
    assert response.json()["amount"] == "9999999999.99"


def test_the_same_idempotency_key_returns_the_same_payment_and_writes_once(
    customer, order_stub, pay_body
):
    order_id = uuid.uuid4()
    order_stub(order_id)
    headers = {"Idempotency-Key": "checkout-42"}

    first = customer.post(PAY, pay_body(order_id), format="json", headers=headers)
    order_stub(order_id, status="paid")
    second = customer.post(PAY, pay_body(order_id), format="json", headers=headers)

    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert Payment.objects.count() == 1
    assert CallbackOutbox.objects.count() == 1
    assert PaymentTransaction.objects.count() == 2


def test_an_idempotent_replay_does_not_ask_the_order_service_again(
    customer, order_stub, pay_body, http
):
    order_id = uuid.uuid4()
    order_stub(order_id)
    headers = {"Idempotency-Key": "once"}
    customer.post(PAY, pay_body(order_id), format="json", headers=headers)
    calls_after_first = len(http.calls)

    customer.post(PAY, pay_body(order_id), format="json", headers=headers)

    assert len(http.calls) == calls_after_first


def test_the_same_key_replays_a_declined_payment_too(customer, order_stub, pay_body):
    order_id = uuid.uuid4()
    order_stub(order_id)
    headers = {"Idempotency-Key": "declined"}

    first = customer.post(
        PAY, pay_body(order_id, card_number=DECLINED_CARD), format="json", headers=headers
    )
    second = customer.post(
        PAY, pay_body(order_id, card_number=DECLINED_CARD), format="json", headers=headers
    )

    assert second.status_code == 201
    assert second.json() == first.json()
    assert Payment.objects.count() == 1


def test_the_same_key_for_another_order_is_409(customer, order_stub, pay_body):
    first_order, second_order = uuid.uuid4(), uuid.uuid4()
    order_stub(first_order)
    order_stub(second_order)
    headers = {"Idempotency-Key": "reused"}
    customer.post(PAY, pay_body(first_order), format="json", headers=headers)

    response = customer.post(PAY, pay_body(second_order), format="json", headers=headers)

    assert response.status_code == 409
    assert Payment.objects.count() == 1


def test_keys_are_per_user_so_another_users_key_returns_nothing_of_theirs(
    customer, other_customer, order_stub, pay_body
):
    first_order, second_order = uuid.uuid4(), uuid.uuid4()
    order_stub(first_order)
    order_stub(second_order)
    headers = {"Idempotency-Key": "same-key"}
    first = customer.post(PAY, pay_body(first_order), format="json", headers=headers)

    second = other_customer.post(PAY, pay_body(second_order), format="json", headers=headers)

    assert second.status_code == 201
    assert second.json()["id"] != first.json()["id"]
    assert Payment.objects.count() == 2


def test_a_different_key_for_a_paid_order_is_409(customer, order_stub, pay_body):
    order_id = uuid.uuid4()
    order_stub(order_id)
    customer.post(PAY, pay_body(order_id), format="json", headers={"Idempotency-Key": "a"})

    response = customer.post(
        PAY, pay_body(order_id), format="json", headers={"Idempotency-Key": "b"}
    )

    assert response.status_code == 409
    assert Payment.objects.count() == 1


def test_paying_takes_a_bounded_number_of_queries(
    customer, order_stub, pay_body, django_assert_max_num_queries
):
    order_id = uuid.uuid4()
    order_stub(order_id)

    # The user's recent declines (the throttle); the order's lock and unlock;
    # its existing payment; the `processing` row (savepoint, insert, release:
    # committed before the processor is called); the outcome (savepoint,
    # payment, transactions, callback, release); the answer's transactions.
    # None of it grows with anything.
    with django_assert_max_num_queries(13):
        response = customer.post(PAY, pay_body(order_id), format="json")

    assert response.status_code == 201


def test_get_on_the_pay_endpoint_is_405(customer):
    response = customer.get(PAY)

    assert response.status_code == 405
    assert "detail" in response.json()


def test_a_token_the_order_service_refuses_is_401_and_writes_nothing(
    customer, order_stub, pay_body
):
    order_id = uuid.uuid4()
    order_stub(order_id, http_status=401)

    response = customer.post(PAY, pay_body(order_id), format="json")

    assert response.status_code == 401
    assert nothing_written()
