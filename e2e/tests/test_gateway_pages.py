"""The storefront's pages against the real services, as a form-posting
client (no JavaScript): sign-up to a paid order. The browser tests click
through the same journey in chromium."""

import re
import uuid

import requests
from conftest import TIMEOUT, url, wait_for

PASSWORD = "correct-horse-battery-staple"


class Shopper:
    """A cookie-keeping client that posts the storefront's forms with their
    CSRF token, as a browser does."""

    def __init__(self):
        self.session = requests.Session()

    def get(self, path: str) -> requests.Response:
        response = self.session.get(url("gateway") + path, timeout=TIMEOUT)
        assert response.status_code == 200, (path, response.status_code)
        return response

    def post(self, path: str, data: dict) -> requests.Response:
        """Posts a form; returns the answer without following its redirect."""
        return self.session.post(
            url("gateway") + path,
            data={"csrfmiddlewaretoken": self.session.cookies["csrftoken"], **data},
            allow_redirects=False,
            timeout=TIMEOUT,
        )


def _hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]+)"', html)
    assert match, f"no hidden {name} in the page"
    return match.group(1)


def test_a_shopper_signs_up_buys_with_a_saved_address_and_sees_the_order_paid(product_factory):
    product = product_factory(price="7.25", stock=5)
    shopper = Shopper()
    email = f"e2e-pages-{uuid.uuid4().hex[:12]}@example.com"

    shopper.get("/register")
    registered = shopper.post(
        "/register", {"email": email, "password": PASSWORD, "password_again": PASSWORD}
    )
    assert registered.status_code == 302
    assert email in shopper.get("/account").text
    assert product["name"] in shopper.get(f"/products/{product['id']}").text

    assert shopper.post(f"/products/{product['id']}/add", {"quantity": "3"}).status_code == 302
    assert "21.75" in shopper.get("/cart").text
    saved = shopper.post(
        "/account/addresses",
        {
            "name": "Paige Forms",
            "line1": "3 Template Road",
            "city": "Shymkent",
            "postal_code": "160000",
            "country": "KZ",
        },
    )
    assert saved.status_code == 302
    checkout = shopper.get("/checkout").text
    address_id = re.search(r'name="address_choice" value="([0-9a-f-]{36})"', checkout).group(1)
    placed = shopper.post(
        "/checkout",
        {"address_choice": address_id, "idempotency_key": _hidden(checkout, "idempotency_key")},
    )
    assert placed.status_code == 302
    pay_path = placed.headers["Location"]
    assert re.fullmatch(r"/orders/[0-9a-f-]{36}/pay", pay_path)
    pay_form = shopper.get(pay_path).text
    paid = shopper.post(
        pay_path,
        {
            "card_number": "4242 4242 4242 4242",
            "exp_month": "12",
            "exp_year": "2099",
            "cvc": "123",
            "idempotency_key": _hidden(pay_form, "idempotency_key"),
        },
    )

    order_path = pay_path.removesuffix("/pay")
    assert paid.status_code == 302
    assert paid.headers["Location"] == order_path
    assert wait_for(lambda: 'data-status="paid"' in shopper.get(order_path).text)
    order_page = shopper.get(order_path).text
    assert "3 Template Road" in order_page
    assert "21.75" in order_page
    assert order_path in shopper.get("/orders").text


def test_the_demo_catalog_is_the_home_page():
    home = requests.get(url("gateway") + "/", timeout=TIMEOUT, headers={"Accept": "text/html"})

    assert home.status_code == 200
    assert home.text.count('data-testid="product-card"') >= 10
    assert "/static/catalog/products/placeholders/" in home.text


def test_an_unknown_product_is_an_html_404_page_for_a_browser():
    missing = requests.get(
        f"{url('gateway')}/products/{uuid.uuid4()}",
        timeout=TIMEOUT,
        headers={"Accept": "text/html"},
    )

    assert missing.status_code == 404
    assert missing.headers["Content-Type"].startswith("text/html")
