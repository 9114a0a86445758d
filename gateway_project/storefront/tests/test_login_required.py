"""Pages that need a signed-in shopper: anonymous visitors go to the login
page and come back; a token a service refuses (401) does the same."""

import uuid

import pytest
from django.conf import settings
from django.test import Client

from storefront.tests.factories import cart_json, cart_line_json


@pytest.mark.parametrize(
    "path",
    [
        "/cart",
        "/checkout",
        "/orders",
        "/orders?page=2",
        f"/orders/{uuid.UUID(int=1)}",
        f"/orders/{uuid.UUID(int=1)}/pay",
    ],
)
def test_an_anonymous_visitor_is_sent_to_login_with_next(services, path):
    response = Client().get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/login?next={path.replace('?', '%3F').replace('=', '%3D')}"
    assert len(services.calls) == 0


@pytest.mark.parametrize(
    ("path", "back"),
    [
        ("/cart/update", "/cart"),
        ("/cart/remove", "/cart"),
        (f"/orders/{uuid.UUID(int=1)}/cancel", f"/orders/{uuid.UUID(int=1)}"),
    ],
)
def test_an_anonymous_action_is_sent_to_login_and_back_to_its_page(services, path, back):
    response = Client().post(path, {"product_id": str(uuid.uuid4()), "quantity": "1"})

    assert response["Location"] == f"/login?next={back}"
    assert len(services.calls) == 0


def test_a_token_the_cart_service_refuses_sends_the_shopper_to_login(services, shopper_client):
    services.stub("GET", "cart", "/cart", status=401, json={"detail": "Token is invalid."})

    response = shopper_client.get("/cart")

    assert response.status_code == 302
    assert response["Location"] == "/login?next=/cart"


def test_a_refused_token_drops_the_access_cookie_and_keeps_the_refresh_cookie(
    services, shopper_client
):
    services.stub("GET", "cart", "/cart", status=401, json={"detail": "Token is invalid."})

    response = shopper_client.get("/cart")

    assert response.cookies[settings.LOGIN_ACCESS_COOKIE].value == ""
    assert settings.LOGIN_REFRESH_COOKIE not in response.cookies


def test_a_token_refused_while_adding_to_the_cart_sends_the_shopper_to_login(
    services, shopper_client
):
    product_id = uuid.uuid4()
    services.stub("POST", "cart", "/cart/add", status=401, json={"detail": "Token is invalid."})

    response = shopper_client.post(f"/products/{product_id}/add", {"quantity": "1"})

    assert response["Location"] == f"/login?next=/products/{product_id}"


def test_a_token_refused_while_changing_a_quantity_sends_the_shopper_to_login(
    services, shopper_client
):
    line = cart_line_json()
    services.stub("GET", "cart", "/cart", json=cart_json([line]))
    services.stub("POST", "cart", "/cart/add", status=401, json={"detail": "Token is invalid."})

    response = shopper_client.post(
        "/cart/update", {"product_id": line["product_id"], "quantity": "5"}
    )

    assert response["Location"] == "/login?next=/cart"


def test_a_token_refused_at_checkout_sends_the_shopper_to_login(services, shopper_client):
    services.stub("GET", "order", "/addresses", status=401, json={"detail": "Token is invalid."})

    assert shopper_client.get("/checkout")["Location"] == "/login?next=/checkout"


def test_a_token_refused_while_paying_sends_the_shopper_to_login(services, shopper_client):
    order_id = uuid.uuid4()
    services.stub(
        "POST", "payment", "/payment/pay", status=401, json={"detail": "Token is invalid."}
    )

    response = shopper_client.post(
        f"/orders/{order_id}/pay",
        {"card_number": "4242424242424242", "exp_month": "1", "exp_year": "2030", "cvc": "123"},
    )

    assert response["Location"] == f"/login?next=/orders/{order_id}/pay"


def test_a_token_refused_for_the_orders_sends_the_shopper_to_login(services, shopper_client):
    services.stub("GET", "order", "/orders", status=401, json={"detail": "Token is invalid."})

    assert shopper_client.get("/orders")["Location"] == "/login?next=/orders"
