"""`/orders/<id>/pay`: the card form of an order awaiting payment."""

import re
import uuid

import pytest

from pages.presenters import unavailable_notice
from storefront.presenters import DECLINED_MESSAGE
from storefront.tests.conftest import body_of
from storefront.tests.factories import order_json, payment_json

KEY = "p" * 32
CARD = {
    "card_number": "4242 4242 4242 4242",
    "exp_month": "12",
    "exp_year": "2030",
    "cvc": "123",
    "idempotency_key": KEY,
}


@pytest.fixture
def order(services):
    """An order awaiting payment, as the order service answers it."""
    data = order_json(total="39.80")
    services.stub("GET", "order", f"/order/{data['id']}", json=data)
    return data


def paid(services, status: str = "succeeded", **overrides) -> dict:
    payment = payment_json(status=status, **overrides)
    services.stub("POST", "payment", "/payment/pay", status=201, json=payment)
    return payment


def test_the_payment_form_shows_the_orders_total_and_a_fresh_idempotency_key(
    services, shopper_client, order
):
    response = shopper_client.get(f"/orders/{order['id']}/pay")

    assert response.status_code == 200
    content = response.content.decode()
    assert 'data-testid="pay-total">39.80 KZT<' in content
    assert 'data-testid="pay-submit"' in content
    assert re.search(r'name="idempotency_key" value="[A-Za-z0-9_-]{16,64}"', content)
    assert 'name="csrfmiddlewaretoken"' in content


def test_the_payment_form_of_an_order_not_awaiting_payment_goes_to_the_order(
    services, shopper_client
):
    data = order_json(status="paid")
    services.stub("GET", "order", f"/order/{data['id']}", json=data)

    response = shopper_client.get(f"/orders/{data['id']}/pay")

    assert response["Location"] == f"/orders/{data['id']}"


def test_the_payment_form_of_an_unknown_order_is_a_404_page(services, shopper_client):
    order_id = uuid.uuid4()
    services.stub("GET", "order", f"/order/{order_id}", status=404, json={"detail": "Not found."})

    response = shopper_client.get(f"/orders/{order_id}/pay")

    assert response.status_code == 404
    assert "Order not found" in response.content.decode()


def test_paying_sends_the_card_with_spaces_stripped_and_the_forms_idempotency_key(
    services, shopper_client, order
):
    paid(services, order_id=order["id"])

    shopper_client.post(f"/orders/{order['id']}/pay", CARD)

    sent = services.requests_to("/payment/pay")[0]
    assert body_of(sent) == {
        "order_id": order["id"],
        "card_number": "4242424242424242",
        "exp_month": 12,
        "exp_year": 2030,
        "cvc": "123",
    }
    assert sent.headers["Idempotency-Key"] == KEY
    assert sent.headers["Authorization"] == f"Bearer {shopper_client.access_token}"


def test_a_succeeded_payment_redirects_to_the_order_with_payment_received(
    services, shopper_client, order
):
    paid(services, order_id=order["id"])

    response = shopper_client.post(f"/orders/{order['id']}/pay", CARD, follow=True)

    assert response.redirect_chain == [(f"/orders/{order['id']}", 302)]
    assert "Payment received" in response.content.decode()


def test_a_declined_payment_shows_the_order_with_the_declined_message(services, shopper_client):
    declined = order_json(status="payment_failed")
    services.stub("GET", "order", f"/order/{declined['id']}", json=declined)
    paid(services, status="failed", order_id=declined["id"])

    response = shopper_client.post(
        f"/orders/{declined['id']}/pay", {**CARD, "card_number": "4000 0000 0000 0002"}, follow=True
    )

    assert response.redirect_chain == [(f"/orders/{declined['id']}", 302)]
    content = response.content.decode()
    assert DECLINED_MESSAGE == "Your card was declined."
    assert DECLINED_MESSAGE in content
    assert 'data-testid="order-declined"' in content
    assert 'data-testid="cancel-order"' in content


def test_a_two_digit_expiry_year_is_sent_as_four(services, shopper_client, order):
    paid(services, order_id=order["id"])

    shopper_client.post(f"/orders/{order['id']}/pay", {**CARD, "exp_year": "30"})

    assert body_of(services.requests_to("/payment/pay")[0])["exp_year"] == 2030


def test_a_card_the_payment_service_refuses_is_shown_beside_the_field(
    services, shopper_client, order
):
    services.stub(
        "POST",
        "payment",
        "/payment/pay",
        status=400,
        json={"card_number": ["This card number is not valid."]},
    )

    response = shopper_client.post(
        f"/orders/{order['id']}/pay", {**CARD, "card_number": "4242 4242 4242 4241"}
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert re.search(r'name="card_number"[^>]*is-invalid', content)
    assert "This card number is not valid." in content


def test_an_expired_card_is_shown_beside_the_year(services, shopper_client, order):
    services.stub(
        "POST", "payment", "/payment/pay", status=400, json={"exp_year": ["The card has expired."]}
    )

    content = shopper_client.post(
        f"/orders/{order['id']}/pay", {**CARD, "exp_year": "2020"}
    ).content.decode()

    assert re.search(r'name="exp_year"[^>]*is-invalid', content)
    assert "The card has expired." in content


def test_the_card_number_and_security_code_are_not_written_back_into_the_page(
    services, shopper_client, order
):
    services.stub(
        "POST", "payment", "/payment/pay", status=400, json={"exp_year": ["The card has expired."]}
    )

    content = shopper_client.post(f"/orders/{order['id']}/pay", CARD).content.decode()

    assert "4242424242424242" not in content
    assert "4242 4242" not in content
    assert 'value="123"' not in content


def test_card_testing_throttling_shows_the_message_and_when_to_retry(
    services, shopper_client, order
):
    services.stub(
        "POST",
        "payment",
        "/payment/pay",
        status=429,
        json={"detail": "Too many declined payments."},
        headers={"Retry-After": "3600"},
    )

    response = shopper_client.post(f"/orders/{order['id']}/pay", CARD)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Too many declined payments." in content
    assert "Please try again in 3600 seconds." in content


def test_paying_an_order_no_longer_awaiting_payment_shows_why_on_the_order(
    services, shopper_client, order
):
    services.stub(
        "POST",
        "payment",
        "/payment/pay",
        status=409,
        json={"detail": "This order has already been paid."},
    )

    response = shopper_client.post(f"/orders/{order['id']}/pay", CARD, follow=True)

    assert response.redirect_chain == [(f"/orders/{order['id']}", 302)]
    assert "This order has already been paid." in response.content.decode()


def test_paying_someone_elses_order_is_a_404_page(services, shopper_client):
    order_id = uuid.uuid4()
    services.stub(
        "POST", "payment", "/payment/pay", status=404, json={"detail": "Order not found."}
    )

    response = shopper_client.post(f"/orders/{order_id}/pay", CARD)

    assert response.status_code == 404


def test_paying_with_the_payment_service_down_keeps_the_form_with_a_notice(
    services, shopper_client, order
):
    services.down("payment", "/payment/pay", method="POST")

    response = shopper_client.post(f"/orders/{order['id']}/pay", CARD)

    assert response.status_code == 200
    content = response.content.decode()
    assert unavailable_notice("payment") in content
    assert 'data-testid="pay-submit"' in content


def test_the_payment_form_with_the_order_service_down_is_200_with_a_notice(
    services, shopper_client
):
    order_id = uuid.uuid4()
    services.down("order", f"/order/{order_id}")

    response = shopper_client.get(f"/orders/{order_id}/pay")

    assert response.status_code == 200
    assert unavailable_notice("order") in response.content.decode()


@pytest.mark.parametrize(
    "changes",
    [
        {"card_number": "4242 abcd 4242 4242"},
        {"card_number": "42"},
        {"card_number": "٤٢٤٢٤٢٤٢٤٢٤٢٤٢٤٢"},
        {"exp_month": "13"},
        {"exp_month": "abc"},
        {"exp_year": "-1"},
        {"exp_year": "999"},
        {"cvc": "12"},
        {"cvc": "abcd"},
        {"card_number": ""},
    ],
)
def test_a_malformed_card_is_refused_before_the_payment_service_is_asked(
    services, shopper_client, order, changes
):
    response = shopper_client.post(f"/orders/{order['id']}/pay", {**CARD, **changes})

    assert response.status_code == 200
    assert 'data-testid="field-error"' in response.content.decode()
    assert services.requests_to("/payment/pay") == []
