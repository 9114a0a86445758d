"""`/checkout`: the cart's summary, the shipping address (saved or typed),
and the order it creates before the payment form."""

import re

import pytest
from conftest import page_json

from pages.presenters import unavailable_notice
from storefront.tests.conftest import body_of
from storefront.tests.factories import (
    address_json,
    cart_json,
    cart_line_json,
    order_json,
    saved_address_json,
)

KEY = "k" * 32

TYPED = {
    "address_choice": "new",
    "name": "Aigerim Sadykova",
    "line1": "12 Abay Avenue",
    "line2": "Flat 3",
    "city": "Almaty",
    "postal_code": "050000",
    "country": "kz",
    "phone": "+7 701 000 00 00",
    "idempotency_key": KEY,
}


def key_in(content: str) -> str:
    return re.search(r'name="idempotency_key" value="([^"]+)"', content).group(1)


@pytest.fixture
def cart(services):
    lines = [cart_line_json(name="Blue mug", quantity=2, unit_price="19.90")]
    services.stub("GET", "cart", "/cart", json=cart_json(lines))
    return lines


@pytest.fixture
def book(services):
    """Two saved addresses, the second the default."""
    addresses = [
        saved_address_json(name="Work", line1="1 Office Street"),
        saved_address_json(name="Home", line1="12 Abay Avenue", is_default=True),
    ]
    services.stub("GET", "order", "/addresses", json=page_json(addresses))
    return addresses


@pytest.fixture
def no_book(services):
    services.stub("GET", "order", "/addresses", json=page_json([]))


def order_created(services, **overrides) -> dict:
    order = order_json(**overrides)
    services.stub("POST", "order", "/order/create", status=201, json=order)
    return order


# --- the form ------------------------------------------------------------------


def test_checkout_shows_the_cart_summary(services, shopper_client, cart, book):
    response = shopper_client.get("/checkout")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Blue mug" in content
    assert 'data-testid="checkout-total">39.80 KZT<' in content


def test_checkout_offers_the_saved_addresses_with_the_default_chosen(
    services, shopper_client, cart, book
):
    content = shopper_client.get("/checkout").content.decode()

    default, other = book[1], book[0]
    assert re.search(rf'value="{default["id"]}"[^>]*checked', content)
    assert not re.search(rf'value="{other["id"]}"[^>]*checked', content)
    assert "Home, 12 Abay Avenue, 050000 Almaty, KZ" in content
    assert content.count('data-testid="address-option"') == 2


def test_checkout_without_saved_addresses_chooses_a_new_address(
    services, shopper_client, cart, no_book
):
    content = shopper_client.get("/checkout").content.decode()

    assert re.search(r'value="new"[^>]*checked', content)


def test_checkout_puts_a_fresh_idempotency_key_in_the_form(services, shopper_client, cart, no_book):
    first = key_in(shopper_client.get("/checkout").content.decode())
    second = key_in(shopper_client.get("/checkout").content.decode())

    assert len(first) >= 16
    assert first != second


def test_checkout_form_carries_the_csrf_token(services, shopper_client, cart, no_book):
    assert 'name="csrfmiddlewaretoken"' in shopper_client.get("/checkout").content.decode()


def test_checkout_with_an_empty_cart_goes_back_to_the_cart(services, shopper_client, no_book):
    services.stub("GET", "cart", "/cart", json=cart_json([]))

    response = shopper_client.get("/checkout", follow=True)

    assert response.redirect_chain == [("/cart", 302)]
    assert "Your cart is empty" in response.content.decode()


def test_checkout_with_the_cart_down_is_200_with_a_notice(services, shopper_client, no_book):
    services.down("cart", "/cart")

    response = shopper_client.get("/checkout")

    assert response.status_code == 200
    assert unavailable_notice("cart") in response.content.decode()


def test_checkout_with_the_order_service_down_is_200_with_a_notice(services, shopper_client, cart):
    services.down("order", "/addresses")

    response = shopper_client.get("/checkout")

    assert response.status_code == 200
    assert unavailable_notice("order") in response.content.decode()


def test_checkout_works_without_an_address_book(services, shopper_client, cart):
    services.stub("GET", "order", "/addresses", status=404, json={"detail": "Not found."})

    response = shopper_client.get("/checkout")

    assert response.status_code == 200
    assert re.search(r'value="new"[^>]*checked', response.content.decode())


def test_a_script_tag_in_a_saved_address_is_escaped(services, shopper_client, cart):
    services.stub(
        "GET",
        "order",
        "/addresses",
        json=page_json([saved_address_json(name="<script>x()</script>")]),
    )

    content = shopper_client.get("/checkout").content.decode()

    assert "&lt;script&gt;x()&lt;/script&gt;" in content
    assert "<script>x()" not in content


# --- placing the order ---------------------------------------------------------


def test_checkout_with_a_saved_address_sends_its_id_and_goes_to_the_payment_form(
    services, shopper_client, book
):
    order = order_created(services)

    response = shopper_client.post(
        "/checkout", {"address_choice": book[0]["id"], "idempotency_key": KEY}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/orders/{order['id']}/pay"
    assert body_of(services.requests_to("/order/create")[0]) == {"address_id": book[0]["id"]}


def test_checkout_forwards_the_forms_idempotency_key_and_the_shoppers_token(
    services, shopper_client, book
):
    order_created(services)

    shopper_client.post("/checkout", {"address_choice": book[0]["id"], "idempotency_key": KEY})

    sent = services.requests_to("/order/create")[0]
    assert sent.headers["Idempotency-Key"] == KEY
    assert sent.headers["Authorization"] == f"Bearer {shopper_client.access_token}"


def test_a_double_submit_sends_the_same_idempotency_key_twice(services, shopper_client, book):
    order_created(services)
    data = {"address_choice": book[0]["id"], "idempotency_key": KEY}

    shopper_client.post("/checkout", data)
    shopper_client.post("/checkout", data)

    keys = [sent.headers["Idempotency-Key"] for sent in services.requests_to("/order/create")]
    assert keys == [KEY, KEY]


def test_checkout_with_a_typed_address_sends_it_as_the_shipping_address(
    services, shopper_client, no_book
):
    order = order_created(services)

    response = shopper_client.post("/checkout", TYPED)

    assert response["Location"] == f"/orders/{order['id']}/pay"
    assert body_of(services.requests_to("/order/create")[0]) == {
        "shipping_address": {
            "name": "Aigerim Sadykova",
            "line1": "12 Abay Avenue",
            "line2": "Flat 3",
            "city": "Almaty",
            "postal_code": "050000",
            "country": "KZ",
            "phone": "+7 701 000 00 00",
        }
    }
    assert services.requests_to("/addresses", method="POST") == []


def test_checkout_with_save_this_address_saves_it_first_and_orders_with_its_id(
    services, shopper_client, no_book
):
    saved = saved_address_json(**address_json(line2="Flat 3", country="KZ"))
    services.stub("POST", "order", "/addresses", status=201, json=saved)
    order_created(services)

    shopper_client.post("/checkout", {**TYPED, "save_address": "on"})

    assert services.sent() == ["GET /addresses", "POST /addresses", "POST /order/create"]
    assert (
        body_of(services.requests_to("/addresses", method="POST")[0])["line1"] == "12 Abay Avenue"
    )
    assert body_of(services.requests_to("/order/create")[0]) == {"address_id": saved["id"]}


def test_saving_an_address_already_in_the_book_reuses_it(services, shopper_client):
    same = saved_address_json(
        name="Aigerim Sadykova",
        line1="12 Abay Avenue",
        line2="Flat 3",
        city="Almaty",
        postal_code="050000",
        country="KZ",
        phone="+7 701 000 00 00",
    )
    services.stub("GET", "order", "/addresses", json=page_json([same]))
    order_created(services)

    shopper_client.post("/checkout", {**TYPED, "save_address": "on"})

    assert services.requests_to("/addresses", method="POST") == []
    assert body_of(services.requests_to("/order/create")[0]) == {"address_id": same["id"]}


def test_a_typed_address_needs_its_required_fields(services, shopper_client, cart, no_book):
    response = shopper_client.post(
        "/checkout", {"address_choice": "new", "name": "Ann", "idempotency_key": KEY}
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("This field is required.") == 4
    assert 'value="Ann"' in content
    assert services.requests_to("/order/create") == []


def test_the_address_services_field_errors_are_shown_beside_the_fields_with_the_typed_values_kept(
    services, shopper_client, cart, no_book
):
    services.stub(
        "POST",
        "order",
        "/order/create",
        status=400,
        json={"shipping_address": {"postal_code": ["Enter a valid postal code."]}},
    )

    response = shopper_client.post("/checkout", {**TYPED, "postal_code": "!!!"})

    assert response.status_code == 200
    content = response.content.decode()
    assert re.search(
        r'name="postal_code" value="!!!"[^>]*is-invalid[^>]*>\s*\n\s*'
        r'<div class="invalid-feedback d-block" id="id_postal_code_error" data-testid="field-error"><div>Enter a valid postal code.',
        content,
    )
    for value in ("Aigerim Sadykova", "12 Abay Avenue", "Flat 3", "Almaty", "+7 701 000 00 00"):
        assert f'value="{value}"' in content


def test_a_shown_again_form_keeps_its_idempotency_key(services, shopper_client, cart, no_book):
    services.stub(
        "POST", "order", "/order/create", status=409, json={"detail": "Too many unpaid orders."}
    )

    content = shopper_client.post("/checkout", TYPED).content.decode()

    assert key_in(content) == KEY


def test_saving_an_address_the_book_refuses_shows_its_field_errors(
    services, shopper_client, cart, no_book
):
    services.stub(
        "POST",
        "order",
        "/addresses",
        status=400,
        json={"country": ["Enter a two-letter ISO 3166-1 country code."]},
    )

    response = shopper_client.post("/checkout", {**TYPED, "country": "K1", "save_address": "on"})

    content = response.content.decode()
    assert "Enter a two-letter ISO 3166-1 country code." in content
    assert 'value="K1"' in content
    assert services.requests_to("/order/create") == []


def test_a_full_address_book_is_shown_as_a_message(services, shopper_client, cart, no_book):
    services.stub(
        "POST",
        "order",
        "/addresses",
        status=409,
        json={"detail": "You can save at most 20 addresses."},
    )

    response = shopper_client.post("/checkout", {**TYPED, "save_address": "on"})

    assert response.status_code == 200
    assert "You can save at most 20 addresses." in response.content.decode()


def test_an_empty_cart_at_order_time_is_shown_as_a_message(services, shopper_client, no_book):
    services.stub(
        "POST", "order", "/order/create", status=400, json={"detail": "Your cart is empty."}
    )
    services.stub("GET", "cart", "/cart", json=cart_json([]))

    response = shopper_client.post("/checkout", TYPED)

    assert response.status_code == 200
    assert "Your cart is empty." in response.content.decode()


def test_short_stock_names_the_products_concerned(services, shopper_client, cart, no_book):
    services.stub(
        "POST",
        "order",
        "/order/create",
        status=409,
        json={
            "detail": "Some products in your cart are unavailable in the requested quantity.",
            "unavailable": [cart[0]["product_id"]],
        },
    )

    response = shopper_client.post("/checkout", TYPED)

    assert response.status_code == 200
    assert (
        "Some products in your cart are unavailable in the requested quantity: Blue mug."
        in response.content.decode()
    )


def test_too_many_unpaid_orders_is_shown_as_a_message(services, shopper_client, cart, no_book):
    services.stub(
        "POST",
        "order",
        "/order/create",
        status=409,
        json={"detail": "You have 5 unpaid orders: pay or cancel one first."},
    )

    response = shopper_client.post("/checkout", TYPED)

    assert "You have 5 unpaid orders: pay or cancel one first." in response.content.decode()


def test_an_unknown_saved_address_is_shown_as_a_message(services, shopper_client, cart, book):
    services.stub(
        "POST", "order", "/order/create", status=404, json={"detail": "Address not found."}
    )

    response = shopper_client.post(
        "/checkout", {"address_choice": book[0]["id"], "idempotency_key": KEY}
    )

    assert response.status_code == 200
    assert "Address not found." in response.content.decode()


def test_checkout_with_the_order_service_down_keeps_the_form_with_a_notice(
    services, shopper_client, cart, no_book
):
    services.down("order", "/order/create", method="POST")

    response = shopper_client.post("/checkout", TYPED)

    assert response.status_code == 200
    content = response.content.decode()
    assert unavailable_notice("order") in content
    assert 'value="12 Abay Avenue"' in content


def test_an_address_choice_not_in_the_book_is_a_form_error(services, shopper_client, cart, book):
    response = shopper_client.post(
        "/checkout",
        {"address_choice": "7b0c7e1e-4a3a-4c33-9d6e-0b8f7f0c2a11", "idempotency_key": KEY},
    )

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert services.requests_to("/order/create") == []


@pytest.mark.parametrize("key", ["", "short", "<script>", "x" * 300])
def test_a_missing_or_malformed_idempotency_key_is_replaced_by_a_fresh_one(
    services, shopper_client, no_book, key
):
    order_created(services)

    response = shopper_client.post("/checkout", {**TYPED, "idempotency_key": key})

    assert response.status_code == 302
    sent_key = services.requests_to("/order/create")[0].headers["Idempotency-Key"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{16,64}", sent_key)


@pytest.mark.parametrize(
    "changes",
    [
        {"country": "KAZ"},
        {"name": "x" * 10_000},
        {"address_choice": ""},
        {"address_choice": "<script>"},
        {"save_address": "maybe"},
    ],
)
def test_weird_checkout_input_is_never_a_500(services, shopper_client, cart, no_book, changes):
    order_created(services)

    response = shopper_client.post("/checkout", {**TYPED, **changes})

    assert response.status_code in (200, 302)


def test_the_order_service_down_throughout_is_one_notice_not_two(services, shopper_client, cart):
    services.down("order", "/addresses")
    services.down("order", "/order/create", method="POST")

    content = shopper_client.post("/checkout", TYPED).content.decode()

    assert content.count(unavailable_notice("order")) == 1
