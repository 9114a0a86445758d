"""Flow 3 of DESIGN.md across the real services, the payment worker included."""

import uuid

import requests
from conftest import TIMEOUT, login, url, wait_for

ADDRESS = {
    "name": "Ann Buyer",
    "line1": "1 Abay Avenue",
    "city": "Almaty",
    "postal_code": "050000",
    "country": "KZ",
}
CARD = {"exp_month": 12, "exp_year": 2099, "cvc": "123"}


def _stock(customer, product_id) -> int:
    return customer.call("GET", "catalog", f"/products/{product_id}").json()["stock"]


def _order_status(customer, order_id) -> str:
    return customer.call("GET", "order", f"/order/{order_id}").json()["status"]


def _checkout(customer, product, quantity) -> dict:
    added = customer.call(
        "POST", "cart", "/cart/add", json={"product_id": product["id"], "quantity": quantity}
    )
    assert added.status_code == 200, added.text
    created = customer.call("POST", "order", "/order/create", json={"shipping_address": ADDRESS})
    assert created.status_code == 201, created.text
    return created.json()


def test_a_paid_checkout_reserves_stock_empties_the_cart_and_marks_the_order_paid(
    customer, product_factory
):
    product = product_factory(price="19.90", stock=3)

    order = _checkout(customer, product, 2)

    assert order["status"] == "pending_payment"
    assert order["total"] == "39.80"
    assert _stock(customer, product["id"]) == 1
    assert customer.call("GET", "cart", "/cart").json()["items"] == []

    payment = customer.call(
        "POST",
        "payment",
        "/payment/pay",
        json={"order_id": order["id"], "card_number": "4242424242424242", **CARD},
    )
    assert payment.status_code == 201, payment.text
    assert payment.json()["status"] == "succeeded"
    assert payment.json()["amount"] == "39.80"
    assert wait_for(lambda: _order_status(customer, order["id"]) == "paid")


def test_a_declined_payment_fails_the_order_and_cancel_puts_the_stock_back(
    customer, product_factory
):
    product = product_factory(stock=2)
    order = _checkout(customer, product, 2)
    assert _stock(customer, product["id"]) == 0

    payment = customer.call(
        "POST",
        "payment",
        "/payment/pay",
        json={"order_id": order["id"], "card_number": "4000000000000002", **CARD},
    )
    assert payment.json()["status"] == "failed"
    assert wait_for(lambda: _order_status(customer, order["id"]) == "payment_failed")

    cancelled = customer.call("POST", "order", f"/order/{order['id']}/cancel")
    assert cancelled.status_code == 200, cancelled.text
    assert _stock(customer, product["id"]) == 2


def test_more_than_in_stock_is_refused_and_reserves_nothing(customer, product_factory):
    product = product_factory(stock=1)

    response = customer.call(
        "POST", "cart", "/cart/add", json={"product_id": product["id"], "quantity": 2}
    )

    assert response.status_code == 409
    assert _stock(customer, product["id"]) == 1


def test_an_admin_refund_of_an_unshipped_order_refunds_it_and_returns_the_stock(
    customer, admin, product_factory
):
    product = product_factory(stock=4)
    order = _checkout(customer, product, 3)
    payment = customer.call(
        "POST",
        "payment",
        "/payment/pay",
        json={"order_id": order["id"], "card_number": "4242424242424242", **CARD},
    ).json()
    assert wait_for(lambda: _order_status(customer, order["id"]) == "paid")

    refund = admin.call("POST", "payment", f"/payment/{payment['id']}/refund")

    assert refund.status_code == 201, refund.text
    assert wait_for(lambda: _order_status(customer, order["id"]) == "refunded")
    assert _stock(customer, product["id"]) == 4


def test_another_users_order_is_not_found(customer, product_factory, admin):
    product = product_factory(stock=2)
    order = _checkout(customer, product, 1)
    email = f"e2e-other-{uuid.uuid4().hex[:8]}@example.com"
    requests.post(
        url("auth") + "/auth/register",
        json={"email": email, "password": "another-long-passphrase"},
        timeout=TIMEOUT,
    )
    other = login(email, "another-long-passphrase")

    assert other.call("GET", "order", f"/order/{order['id']}").status_code == 404
    assert admin.call("GET", "order", f"/order/{order['id']}").status_code == 200
