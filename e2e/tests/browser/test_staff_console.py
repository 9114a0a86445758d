"""The staff console clicked through in chromium: one sign-in at the gateway,
the dashboard and all four areas on the gateway's origin, staff work that
shows on the storefront, and a customer turned away."""

import os
import re
import uuid

from conftest import url, wait_for

from tests.browser.conftest import screenshot

CARD = {"exp_month": 12, "exp_year": 2099, "cvc": "123"}
ADDRESS = {
    "name": "Bea Browser",
    "line1": "5 Chromium Street",
    "city": "Almaty",
    "postal_code": "050000",
    "country": "KZ",
}
AREAS = ["catalog", "orders", "payments", "users"]


def _sign_in(page, email: str, password: str) -> None:
    page.goto("/")
    page.get_by_test_id("staff-sign-in").click()
    page.get_by_test_id("login-email").fill(email)
    page.get_by_test_id("login-password").fill(password)
    page.get_by_test_id("login-submit").click()


def _paid_order(customer, product) -> tuple[dict, dict]:
    customer.call("POST", "cart", "/cart/add", json={"product_id": product["id"], "quantity": 1})
    order = customer.call(
        "POST", "order", "/order/create", json={"shipping_address": ADDRESS}
    ).json()
    payment = customer.call(
        "POST",
        "payment",
        "/payment/pay",
        json={"order_id": order["id"], "card_number": "4242424242424242", **CARD},
    ).json()
    assert wait_for(
        lambda: customer.call("GET", "order", f"/order/{order['id']}").json()["status"] == "paid"
    )
    return order, payment


def _run_admin_action(page, changelist: str, object_id: str, action_label: str) -> None:
    page.goto(changelist)
    page.locator(f'input[name="_selected_action"][value="{object_id}"]').check()
    page.locator('select[name="action"]').select_option(label=action_label)
    page.get_by_role("button", name="Go").click()
    page.wait_for_load_state("load")


def test_the_admin_signs_in_once_and_works_in_every_area(page, customer, product_factory):
    _sign_in(page, os.environ["ADMIN_EMAIL"], os.environ["ADMIN_PASSWORD"])
    page.wait_for_url(re.compile(r"/admin/$"))
    assert page.get_by_test_id("dashboard-orders-by-status").is_visible()
    screenshot(page, "console-dashboard")

    for area in AREAS:
        page.goto("/admin/")
        page.get_by_test_id(f"area-{area}").click()
        page.wait_for_url(f"{url('gateway')}/admin/{area}/")
        assert page.locator("#content").is_visible()
        assert page.locator("#id_username").count() == 0  # no second sign-in
        screenshot(page, f"console-{area}")

    name = f"Browser kettle {uuid.uuid4().hex[:8]}"
    page.goto("/admin/catalog/products/product/add/")
    page.locator("#id_sku").fill(f"BRW-{uuid.uuid4().hex[:10]}")
    page.locator("#id_name").fill(name)
    page.locator("#id_price").fill("45.00")
    page.locator("#id_stock").fill("6")
    page.locator("#id_images-0-url").fill("/static/catalog/products/placeholders/home.svg")
    page.locator("#id_images-0-alt").fill(name)
    page.locator('input[name="_save"]').click()
    page.wait_for_url(re.compile(r"/admin/catalog/products/product/$"))
    page.goto(f"/?search={name}")
    card = page.get_by_test_id("product-card").filter(has_text=name)
    assert card.count() == 1
    image = card.locator("img").first
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")

    order, _payment = _paid_order(customer, product_factory(stock=4))
    _run_admin_action(
        page, "/admin/orders/orders/order/", order["id"], "Mark selected orders shipped"
    )
    assert customer.call("GET", "order", f"/order/{order['id']}").json()["status"] == "shipped"
    screenshot(page, "console-orders-shipped")

    refunded, payment = _paid_order(customer, product_factory(stock=4))
    _run_admin_action(
        page, "/admin/payments/payments/payment/", payment["id"], "Refund selected payments"
    )
    assert wait_for(
        lambda: (
            customer.call("GET", "order", f"/order/{refunded['id']}").json()["status"] == "refunded"
        )
    )
    assert not page.dialogs


def test_a_customer_is_turned_away_from_the_console_and_every_area(page):
    email = f"web-nostaff-{uuid.uuid4().hex[:10]}@example.com"
    page.goto("/register")
    page.get_by_test_id("register-email").fill(email)
    page.get_by_test_id("register-password").fill("correct-horse-battery-staple")
    page.get_by_test_id("register-password-again").fill("correct-horse-battery-staple")
    page.get_by_test_id("register-submit").click()
    page.wait_for_url(re.compile(r"/$"))

    for path in ["/admin/", *[f"/admin/{area}/" for area in AREAS]]:
        response = page.goto(path)
        assert response.status == 403, path
