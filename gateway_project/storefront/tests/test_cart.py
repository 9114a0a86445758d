"""Adding to the cart, and `/cart`: lines, quantities, removal, totals."""

import uuid

import pytest

from pages.presenters import unavailable_notice
from storefront.tests.conftest import body_of
from storefront.tests.factories import cart_json, cart_line_json, product_json


@pytest.fixture
def item(services):
    """A product whose page the add-to-cart action returns to."""
    product = product_json(name="Blue mug")
    services.stub("GET", "catalog", f"/products/{product['id']}", json=product)
    return product


# --- add to cart ---------------------------------------------------------------


def test_adding_to_the_cart_posts_the_product_and_quantity_with_the_shoppers_token(
    services, shopper_client, item
):
    services.stub(
        "POST", "cart", "/cart/add", json=cart_json([cart_line_json(product_id=item["id"])])
    )

    shopper_client.post(f"/products/{item['id']}/add", {"quantity": "3"})

    sent = services.requests_to("/cart/add")[0]
    assert body_of(sent) == {"product_id": item["id"], "quantity": 3}
    assert sent.headers["Authorization"] == f"Bearer {shopper_client.access_token}"


def test_adding_to_the_cart_redirects_to_the_cart_with_a_success_message(
    services, shopper_client, item
):
    line = cart_line_json(product_id=item["id"], name="Blue mug", quantity=2)
    services.stub("POST", "cart", "/cart/add", json=cart_json([line]))
    services.stub("GET", "cart", "/cart", json=cart_json([line]))

    response = shopper_client.post(f"/products/{item['id']}/add", {"quantity": "2"}, follow=True)

    assert response.redirect_chain == [("/cart", 302)]
    assert "Blue mug (quantity 2) was added to your cart." in response.content.decode()


def test_adding_more_than_in_stock_shows_the_cart_services_message_on_the_product(
    services, shopper_client, item
):
    services.stub(
        "POST",
        "cart",
        "/cart/add",
        status=409,
        json={"detail": "Not enough of this product in stock."},
    )

    response = shopper_client.post(f"/products/{item['id']}/add", {"quantity": "5"}, follow=True)

    assert response.redirect_chain == [(f"/products/{item['id']}", 302)]
    assert "Not enough of this product in stock." in response.content.decode()


def test_adding_an_unknown_product_shows_the_cart_services_message(services, shopper_client, item):
    services.stub(
        "POST",
        "cart",
        "/cart/add",
        status=404,
        json={"detail": "The product does not exist or is not for sale."},
    )

    response = shopper_client.post(f"/products/{item['id']}/add", {"quantity": "1"}, follow=True)

    assert "The product does not exist or is not for sale." in response.content.decode()


def test_a_line_over_99_shows_the_cart_services_field_message(services, shopper_client, item):
    services.stub(
        "POST", "cart", "/cart/add", status=400, json={"quantity": ["A line holds at most 99."]}
    )

    response = shopper_client.post(f"/products/{item['id']}/add", {"quantity": "50"}, follow=True)

    assert "Quantity: A line holds at most 99." in response.content.decode()


@pytest.mark.parametrize("quantity", ["abc", "0", "-1", "100", "1000", "1.5", ""])
def test_a_quantity_outside_1_to_99_is_refused_before_the_cart_is_asked(
    services, shopper_client, item, quantity
):
    response = shopper_client.post(
        f"/products/{item['id']}/add", {"quantity": quantity}, follow=True
    )

    assert response.status_code == 200
    assert response.redirect_chain == [(f"/products/{item['id']}", 302)]
    assert "Quantity:" in response.content.decode()
    assert services.requests_to("/cart/add") == []


def test_adding_to_the_cart_with_the_cart_down_goes_back_with_a_notice(
    services, shopper_client, item
):
    services.down("cart", "/cart/add", method="POST")

    response = shopper_client.post(f"/products/{item['id']}/add", {"quantity": "1"}, follow=True)

    assert response.status_code == 200
    assert unavailable_notice("cart") in response.content.decode()


def test_an_anonymous_visitor_adding_to_the_cart_is_sent_to_login_and_back_to_the_product(
    services, client
):
    product_id = uuid.uuid4()

    response = client.post(f"/products/{product_id}/add", {"quantity": "1"})

    assert response.status_code == 302
    assert response["Location"] == f"/login?next=/products/{product_id}"
    assert len(services.calls) == 0


def test_adding_to_the_cart_is_post_only(shopper_client):
    assert shopper_client.get(f"/products/{uuid.uuid4()}/add").status_code == 405


# --- the cart page -------------------------------------------------------------


def test_the_cart_lists_each_line_with_link_unit_price_quantity_and_line_total(
    services, shopper_client
):
    line = cart_line_json(name="Blue mug", unit_price="19.90", quantity=2, line_total="39.80")
    services.stub("GET", "cart", "/cart", json=cart_json([line]))

    response = shopper_client.get("/cart")

    assert response.status_code == 200
    content = response.content.decode()
    assert content.count('data-testid="cart-line"') == 1
    assert (
        f'href="/products/{line["product_id"]}" data-testid="cart-line-name">Blue mug</a>'
        in content
    )
    assert "19.90 KZT each" in content
    assert 'name="quantity" value="2"' in content
    assert "39.80 KZT" in content


def test_the_cart_shows_the_totals_and_a_checkout_button(services, shopper_client):
    lines = [
        cart_line_json(quantity=2, unit_price="10.00"),
        cart_line_json(quantity=1, unit_price="5.50"),
    ]
    services.stub("GET", "cart", "/cart", json=cart_json(lines))

    content = shopper_client.get("/cart").content.decode()

    assert 'data-testid="cart-total-quantity">3<' in content
    assert 'data-testid="cart-total">25.50 KZT<' in content
    assert 'href="/checkout" data-testid="checkout-button"' in content


def test_the_cart_shows_the_currency_the_cart_service_names(services, shopper_client):
    services.stub("GET", "cart", "/cart", json=cart_json([cart_line_json()], currency="EUR"))

    assert "EUR" in shopper_client.get("/cart").content.decode()


def test_the_cart_falls_back_to_the_shop_currency_setting(services, shopper_client, settings):
    settings.SHOP_CURRENCY = "USD"
    services.stub(
        "GET", "cart", "/cart", json=cart_json([cart_line_json(unit_price="10.00", quantity=1)])
    )

    assert 'data-testid="cart-total">10.00 USD<' in shopper_client.get("/cart").content.decode()


def test_an_empty_cart_shows_a_friendly_empty_state(services, shopper_client):
    services.stub("GET", "cart", "/cart", json=cart_json([]))

    content = shopper_client.get("/cart").content.decode()

    assert 'data-testid="cart-empty"' in content
    assert "Your cart is empty." in content
    assert 'data-testid="checkout-button"' not in content


def test_the_cart_asks_the_cart_service_with_the_shoppers_token(services, shopper_client):
    services.stub("GET", "cart", "/cart", json=cart_json([]))

    shopper_client.get("/cart")

    assert services.requests_to("/cart")[0].headers["Authorization"] == (
        f"Bearer {shopper_client.access_token}"
    )


def test_the_cart_with_the_cart_service_down_is_200_with_a_notice(services, shopper_client):
    services.down("cart", "/cart")

    response = shopper_client.get("/cart")

    assert response.status_code == 200
    assert unavailable_notice("cart") in response.content.decode()


def test_a_script_tag_in_a_cart_line_name_is_escaped(services, shopper_client):
    services.stub(
        "GET", "cart", "/cart", json=cart_json([cart_line_json(name="<script>x()</script>")])
    )

    content = shopper_client.get("/cart").content.decode()

    assert "&lt;script&gt;x()&lt;/script&gt;" in content
    assert "<script>x()" not in content


# --- changing quantities -------------------------------------------------------


def test_raising_a_quantity_adds_the_difference(services, shopper_client):
    line = cart_line_json(quantity=2)
    services.stub("GET", "cart", "/cart", json=cart_json([line]))
    services.stub("POST", "cart", "/cart/add", json=cart_json([{**line, "quantity": 5}]))

    response = shopper_client.post(
        "/cart/update", {"product_id": line["product_id"], "quantity": "5"}
    )

    assert response["Location"] == "/cart"
    assert body_of(services.requests_to("/cart/add")[0]) == {
        "product_id": line["product_id"],
        "quantity": 3,
    }


def test_lowering_a_quantity_removes_the_difference(services, shopper_client):
    line = cart_line_json(quantity=5)
    services.stub("GET", "cart", "/cart", json=cart_json([line]))
    services.stub("POST", "cart", "/cart/remove", json=cart_json([{**line, "quantity": 1}]))

    shopper_client.post("/cart/update", {"product_id": line["product_id"], "quantity": "1"})

    assert body_of(services.requests_to("/cart/remove")[0]) == {
        "product_id": line["product_id"],
        "quantity": 4,
    }


def test_a_quantity_of_zero_takes_the_line_out(services, shopper_client):
    line = cart_line_json(quantity=2)
    services.stub("GET", "cart", "/cart", json=cart_json([line]))
    services.stub("POST", "cart", "/cart/remove", json=cart_json([]))

    response = shopper_client.post(
        "/cart/update", {"product_id": line["product_id"], "quantity": "0"}, follow=True
    )

    assert body_of(services.requests_to("/cart/remove")[0]) == {"product_id": line["product_id"]}
    assert "The line was removed." in response.content.decode()


def test_raising_a_quantity_beyond_the_stock_shows_the_cart_services_message(
    services, shopper_client
):
    line = cart_line_json(quantity=2)
    services.stub("GET", "cart", "/cart", json=cart_json([line]))
    services.stub(
        "POST",
        "cart",
        "/cart/add",
        status=409,
        json={"detail": "Not enough of this product in stock."},
    )

    response = shopper_client.post(
        "/cart/update", {"product_id": line["product_id"], "quantity": "9"}, follow=True
    )

    assert "Not enough of this product in stock." in response.content.decode()


def test_changing_a_line_no_longer_in_the_cart_says_so(services, shopper_client):
    services.stub("GET", "cart", "/cart", json=cart_json([]))

    response = shopper_client.post(
        "/cart/update", {"product_id": str(uuid.uuid4()), "quantity": "2"}, follow=True
    )

    assert "That product is no longer in your cart." in response.content.decode()
    assert services.requests_to("/cart/add") == []


@pytest.mark.parametrize(
    "data",
    [
        {"product_id": "not-a-uuid", "quantity": "2"},
        {"product_id": "7b0c7e1e-4a3a-4c33-9d6e-0b8f7f0c2a11", "quantity": "abc"},
        {"product_id": "7b0c7e1e-4a3a-4c33-9d6e-0b8f7f0c2a11", "quantity": "1000"},
        {"product_id": "7b0c7e1e-4a3a-4c33-9d6e-0b8f7f0c2a11", "quantity": "-1"},
        {},
    ],
)
def test_a_bad_quantity_change_is_refused_before_the_cart_is_asked(services, shopper_client, data):
    services.stub("GET", "cart", "/cart", json=cart_json([]))

    response = shopper_client.post("/cart/update", data, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [("/cart", 302)]
    assert services.sent() == ["GET /cart"]  # only the cart page shown afterwards


def test_changing_a_quantity_with_the_cart_down_comes_back_with_a_notice(services, shopper_client):
    services.down("cart", "/cart")

    response = shopper_client.post(
        "/cart/update", {"product_id": str(uuid.uuid4()), "quantity": "2"}, follow=True
    )

    assert response.status_code == 200
    assert unavailable_notice("cart") in response.content.decode()


# --- removing a line -----------------------------------------------------------


def test_removing_a_line_posts_it_without_a_quantity(services, shopper_client):
    product_id = str(uuid.uuid4())
    services.stub("POST", "cart", "/cart/remove", json=cart_json([]))
    services.stub("GET", "cart", "/cart", json=cart_json([]))

    response = shopper_client.post("/cart/remove", {"product_id": product_id}, follow=True)

    assert body_of(services.requests_to("/cart/remove")[0]) == {"product_id": product_id}
    assert "The line was removed." in response.content.decode()


def test_removing_a_line_not_in_the_cart_shows_the_cart_services_message(services, shopper_client):
    services.stub(
        "POST",
        "cart",
        "/cart/remove",
        status=404,
        json={"detail": "The product is not in the cart."},
    )
    services.stub("GET", "cart", "/cart", json=cart_json([]))

    response = shopper_client.post("/cart/remove", {"product_id": str(uuid.uuid4())}, follow=True)

    assert "The product is not in the cart." in response.content.decode()


def test_cart_actions_are_post_only(shopper_client):
    assert shopper_client.get("/cart/update").status_code == 405
    assert shopper_client.get("/cart/remove").status_code == 405
