"""A person's journeys through the storefront in a real browser (Debian's
chromium, driven by Playwright), against the real services."""

import re
import uuid

import pytest
from conftest import wait_for

from tests.browser.conftest import screenshot, service_stopped

PASSWORD = "correct-horse-battery-staple"
GOOD_CARD = "4242 4242 4242 4242"
DECLINED_CARD = "4000 0000 0000 0002"


@pytest.fixture
def product(admin):
    """Creates an active product named uniquely, so a search finds only it."""

    def create(*, name: str, price: str = "25.00", stock: int = 10) -> dict:
        response = admin.call(
            "POST",
            "catalog",
            "/products",
            json={
                "sku": f"WEB-{uuid.uuid4().hex[:10]}",
                "name": name,
                "description": "Made for the browser tests.",
                "price": price,
                "stock": stock,
                "attributes": {"colour": "teal"},
                "images": [{"url": "/static/catalog/products/placeholders/home.svg", "alt": name}],
            },
        )
        assert response.status_code == 201, response.text
        return response.json()

    return create


def _stock(admin, product_id: str) -> int:
    return admin.call("GET", "catalog", f"/products/{product_id}").json()["stock"]


def _register(page) -> str:
    email = f"web-{uuid.uuid4().hex[:12]}@example.com"
    page.goto("/register")
    page.get_by_test_id("register-email").fill(email)
    page.get_by_test_id("register-password").fill(PASSWORD)
    page.get_by_test_id("register-password-again").fill(PASSWORD)
    page.get_by_test_id("register-submit").click()
    page.wait_for_url(re.compile(r"/$"))
    return email


def _log_out_and_in(page, email: str) -> None:
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(re.compile(r"/$"))
    page.goto("/login")
    page.get_by_test_id("login-email").fill(email)
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(re.compile(r"/$"))
    assert page.get_by_role("link", name=email).is_visible()


def _search(page, words: str) -> None:
    box = page.get_by_placeholder("Search products")
    box.fill(words)
    box.press("Enter")
    page.wait_for_url(re.compile(r"search="))


def _open_product(page, name: str) -> None:
    _search(page, name)
    page.get_by_test_id("product-card").filter(has_text=name).get_by_test_id("product-link").click()
    page.wait_for_url(re.compile(r"/products/[0-9a-f-]+$"))


def _add_to_cart(page, name: str, quantity: int) -> None:
    _open_product(page, name)
    page.get_by_test_id("add-to-cart-form").get_by_label("Quantity").fill(str(quantity))
    page.get_by_test_id("add-to-cart").click()
    page.wait_for_url(re.compile(r"/cart$|/products/"))


def _save_address(page) -> None:
    page.goto("/account")
    page.get_by_test_id("address-name").fill("Web Buyer")
    page.get_by_test_id("address-line1").fill("12 Browser Lane")
    page.get_by_test_id("address-city").fill("Almaty")
    page.get_by_test_id("address-postal-code").fill("050010")
    page.get_by_test_id("address-country").fill("KZ")
    page.get_by_test_id("address-submit").click()
    page.get_by_test_id("address-row").filter(has_text="12 Browser Lane").wait_for()


def _check_out_and_pay(page, card: str, *, shot: bool = False) -> str:
    page.goto("/cart")
    page.get_by_test_id("checkout-button").click()
    page.wait_for_url(re.compile(r"/checkout$"))
    saved = page.get_by_test_id("address-option").filter(has_text="12 Browser Lane")
    saved.get_by_role("radio").check()
    if shot:
        screenshot(page, "checkout")
    page.get_by_test_id("checkout-submit").click()
    page.wait_for_url(re.compile(r"/orders/[0-9a-f-]+/pay$"))
    order_id = page.url.rstrip("/").split("/")[-2]
    page.get_by_label("Card number").fill(card)
    page.get_by_label("Expiry month").fill("12")
    page.get_by_label("Expiry year").fill("2099")
    page.get_by_label("Security code").fill("123")
    if shot:
        screenshot(page, "payment")
    page.get_by_test_id("pay-submit").click()
    page.wait_for_url(re.compile(rf"/orders/{order_id}$"))
    return order_id


def _status_becomes(page, status: str) -> bool:
    def shown() -> bool:
        page.reload()
        return page.get_by_test_id("order-status").get_attribute("data-status") == status

    return wait_for(shown, timeout=30, interval=1)


def test_a_new_shopper_registers_searches_buys_two_products_and_sees_the_order_paid(page, product):
    tag = uuid.uuid4().hex[:8]
    mug = product(name=f"Teal mug {tag}", price="25.00")
    lamp = product(name=f"Desk lamp {tag}", price="40.50")

    email = _register(page)
    _log_out_and_in(page, email)
    _search(page, tag)
    cards = page.get_by_test_id("product-card")
    assert cards.count() == 2
    screenshot(page, "home")
    _open_product(page, mug["name"])
    image = page.get_by_test_id("product-image").first
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")  # via the gateway
    screenshot(page, "product")
    _add_to_cart(page, mug["name"], 2)
    _add_to_cart(page, lamp["name"], 1)
    page.goto("/cart")
    assert page.get_by_test_id("cart-line").count() == 2
    assert "90.50" in page.get_by_test_id("cart-total").inner_text()
    screenshot(page, "cart")
    _save_address(page)

    order_id = _check_out_and_pay(page, GOOD_CARD, shot=True)

    assert page.get_by_text("Payment received").is_visible()
    assert _status_becomes(page, "paid")
    assert "90.50" in page.get_by_test_id("order-total").inner_text()
    assert "12 Browser Lane" in page.get_by_test_id("order-address").inner_text()
    screenshot(page, "order")
    page.goto("/orders")
    assert page.locator(f'[data-order-id="{order_id}"]').is_visible()
    assert not page.dialogs


def test_a_declined_card_is_explained_and_cancelling_puts_the_stock_back(page, product, admin):
    lamp = product(name=f"Floor lamp {uuid.uuid4().hex[:8]}", stock=5)
    _register(page)
    _add_to_cart(page, lamp["name"], 3)
    _save_address(page)
    assert _stock(admin, lamp["id"]) == 5

    _check_out_and_pay(page, DECLINED_CARD)

    assert page.get_by_text("Your card was declined.").first.is_visible()
    assert _stock(admin, lamp["id"]) == 2
    assert _status_becomes(page, "payment_failed")
    screenshot(page, "order-declined")
    page.get_by_test_id("cancel-order").click()
    assert _status_becomes(page, "cancelled")
    assert _stock(admin, lamp["id"]) == 5


def test_a_product_named_like_a_script_is_shown_as_text_and_runs_nothing(page, product):
    tag = uuid.uuid4().hex[:8]
    name = f"<script>alert(1)</script> {tag}"
    product(name=name)

    page.goto(f"/?search={tag}")
    card = page.get_by_test_id("product-card").first
    assert name in card.inner_text()
    card.get_by_test_id("product-link").click()
    assert page.get_by_test_id("product-name").inner_text() == name
    page.goto("/?search=<script>alert(2)</script>")
    page.wait_for_load_state("load")

    assert page.dialogs == []


def test_the_catalog_stopped_mid_session_shows_a_notice_not_an_error_page(page, product):
    mug = product(name=f"Paused mug {uuid.uuid4().hex[:8]}")
    _register(page)
    page.goto(f"/products/{mug['id']}")
    assert page.get_by_test_id("product-name").inner_text() == mug["name"]

    with service_stopped("catalog"):
        home = page.goto("/")
        notice = page.locator("[data-notice]").first.inner_text()
        assert home.status == 200
        assert "catalog" in notice.lower()
        assert page.get_by_test_id("product-card").count() == 0
        screenshot(page, "catalog-down")
        detail = page.goto(f"/products/{mug['id']}")
        assert detail.status == 200
        assert page.locator("[data-notice]").count() >= 1

    assert page.goto("/").status == 200
    assert page.locator("[data-notice]").count() == 0
