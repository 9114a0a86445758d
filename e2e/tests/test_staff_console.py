"""The staff console through the gateway against the real services: one
sign-in at the gateway opens every area; staff work there shows on the
storefront; customers are refused."""

import html
import os
import re
import uuid

import pytest
import requests
from conftest import TIMEOUT, url, wait_for

AREAS = {"catalog": "catalog", "orders": "order", "payments": "payment", "users": "auth"}
CARD = {"exp_month": 12, "exp_year": 2099, "cvc": "123"}
ADDRESS = {
    "name": "Sam Staff",
    "line1": "9 Console Road",
    "city": "Almaty",
    "postal_code": "050000",
    "country": "KZ",
}


class GatewayBrowser:
    """A cookie-keeping client of the gateway that posts forms as a browser does."""

    def __init__(self):
        self.session = requests.Session()

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.session.get(url("gateway") + path, timeout=TIMEOUT, **kwargs)

    def post_form(self, path: str, data, csrf_cookie: str) -> requests.Response:
        token = self.session.cookies[csrf_cookie]
        fields = list(data.items()) if isinstance(data, dict) else list(data)
        return self.session.post(
            url("gateway") + path,
            data=[("csrfmiddlewaretoken", token), *fields],
            headers={"Origin": url("gateway")},
            allow_redirects=False,
            timeout=TIMEOUT,
        )

    def sign_in(self, email: str, password: str) -> requests.Response:
        self.get("/login")
        return self.post_form(
            "/login", {"email": email, "password": password, "next": "/admin/"}, "csrftoken"
        )


@pytest.fixture
def staff() -> GatewayBrowser:
    browser = GatewayBrowser()
    signed_in = browser.sign_in(os.environ["ADMIN_EMAIL"], os.environ["ADMIN_PASSWORD"])
    assert signed_in.status_code == 302
    assert signed_in.headers["Location"] == "/admin/"
    return browser


def _paid_order(customer, product) -> tuple[dict, dict]:
    assert customer.call(
        "POST", "cart", "/cart/add", json={"product_id": product["id"], "quantity": 1}
    ).ok
    order = customer.call("POST", "order", "/order/create", json={"shipping_address": ADDRESS})
    assert order.status_code == 201, order.text
    payment = customer.call(
        "POST",
        "payment",
        "/payment/pay",
        json={"order_id": order.json()["id"], "card_number": "4242424242424242", **CARD},
    )
    assert payment.json()["status"] == "succeeded"
    assert wait_for(lambda: _status(customer, order.json()["id"]) == "paid")
    return order.json(), payment.json()


def _status(customer, order_id: str) -> str:
    return customer.call("GET", "order", f"/order/{order_id}").json()["status"]


def _admin_action(staff: GatewayBrowser, changelist: str, service: str, action: str, ids):
    page = staff.get(changelist)
    assert page.status_code == 200, page.text[:300]
    return staff.post_form(
        changelist,
        [("action", action), ("index", "0"), ("select_across", "0")]
        + [("_selected_action", str(i)) for i in ids],
        f"{service}_csrftoken",
    )


def test_the_dashboard_shows_the_services_figures(staff):
    page = staff.get("/admin/")

    assert page.status_code == 200
    for part in ("dashboard-orders-by-status", "dashboard-payments", "dashboard-revenue"):
        assert f'data-testid="{part}"' in page.text
    assert 'data-testid="dashboard-low-stock"' in page.text
    assert 'data-testid="section-unavailable"' not in page.text


def test_one_sign_in_at_the_gateway_opens_every_area_on_the_gateways_origin(staff):
    for area, service in AREAS.items():
        page = staff.get(f"/admin/{area}/")
        assert page.status_code == 200, (area, page.status_code)
        assert page.url == f"{url('gateway')}/admin/{area}/"
        assert 'id="content"' in page.text
        assert "login" not in page.url
        assert staff.session.cookies.get(f"{service}_sessionid", path=f"/admin/{area}/")
        for port in ("8001", "8002", "8003", "8004", "8005"):
            assert f"127.0.0.1:{port}" not in page.text
        assert re.search(rf'href="/static/{service}/admin/css/base\.css"', page.text)
        assert staff.get(f"/static/{service}/admin/css/base.css").status_code == 200


def test_a_product_created_in_the_catalog_area_is_sold_on_the_storefront(staff):
    add = "/admin/catalog/products/product/add/"
    form = staff.get(add).text
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
    name = f"Console kettle {uuid.uuid4().hex[:8]}"
    fields = {n: html.unescape(v) for n, v in hidden if n != "csrfmiddlewaretoken"}
    fields.update(
        {
            "sku": f"CON-{uuid.uuid4().hex[:10]}",
            "name": name,
            "description": "Added by staff in the console.",
            "price": "33.30",
            "stock": "4",
            "is_active": "on",
            "attributes": "{}",
            "images-0-url": "/static/catalog/products/placeholders/home.svg",
            "images-0-alt": name,
            "images-0-position": "0",
            "_save": "Save",
        }
    )

    saved = staff.post_form(add, fields, "catalog_csrftoken")

    assert saved.status_code == 302, saved.text[:2000]
    storefront = staff.get(f"/?search={name}", headers={"Accept": "text/html"}).text
    assert name in storefront
    assert "/static/catalog/products/placeholders/home.svg" in storefront


def test_shipping_a_paid_order_in_the_orders_area_shows_shipped_to_its_customer(
    staff, customer, product_factory
):
    order, _payment = _paid_order(customer, product_factory(stock=3))

    done = _admin_action(
        staff, "/admin/orders/orders/order/", "order", "mark_shipped", [order["id"]]
    )

    assert done.status_code == 302
    assert _status(customer, order["id"]) == "shipped"


def test_a_refund_in_the_payments_area_makes_the_order_refunded(staff, customer, product_factory):
    product = product_factory(stock=3)
    order, payment = _paid_order(customer, product)

    done = _admin_action(
        staff, "/admin/payments/payments/payment/", "payment", "refund", [payment["id"]]
    )

    assert done.status_code == 302
    assert wait_for(lambda: _status(customer, order["id"]) == "refunded")


def test_a_customer_is_refused_at_the_console_and_at_every_area():
    browser = GatewayBrowser()
    email = f"e2e-nostaff-{uuid.uuid4().hex[:10]}@example.com"
    requests.post(
        url("auth") + "/auth/register",
        json={"email": email, "password": "correct-horse-battery-staple"},
        timeout=TIMEOUT,
    )
    assert browser.sign_in(email, "correct-horse-battery-staple").status_code == 302

    assert browser.get("/admin/", headers={"Accept": "text/html"}).status_code == 403
    for area in AREAS:
        assert browser.get(f"/admin/{area}/", headers={"Accept": "text/html"}).status_code == 403
