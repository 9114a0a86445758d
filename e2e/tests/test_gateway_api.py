"""The gateway's /api proxy against the real services: a whole purchase with
a bearer token, and the login cookie's rules."""

import uuid

import requests
from conftest import TIMEOUT, url, wait_for

PASSWORD = "correct-horse-battery-staple"
ADDRESS = {
    "name": "Gia Gateway",
    "line1": "7 Proxy Street",
    "city": "Astana",
    "postal_code": "010000",
    "country": "KZ",
}


def _api(method: str, path: str, token: str | None = None, **kwargs) -> requests.Response:
    headers = kwargs.pop("headers", {})
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return requests.request(
        method, f"{url('gateway')}/api{path}", headers=headers, timeout=TIMEOUT, **kwargs
    )


def _register_and_login() -> tuple[str, str]:
    email = f"e2e-gw-{uuid.uuid4().hex[:12]}@example.com"
    assert (
        _api("POST", "/auth/register", json={"email": email, "password": PASSWORD}).status_code
        == 201
    )
    tokens = _api("POST", "/auth/login", json={"email": email, "password": PASSWORD}).json()
    return email, tokens["access"]


def test_a_purchase_with_a_saved_address_through_the_proxy_ends_paid(product_factory):
    product = product_factory(price="12.50", stock=4)
    _email, token = _register_and_login()

    listed = _api("GET", f"/products?ids={product['id']}")
    assert listed.status_code == 200
    assert [p["id"] for p in listed.json()["results"]] == [product["id"]]
    added = _api("POST", "/cart/add", token, json={"product_id": product["id"], "quantity": 2})
    assert added.status_code == 200, added.text
    address = _api("POST", "/addresses", token, json=ADDRESS)
    assert address.status_code == 201, address.text
    order = _api(
        "POST",
        "/order/create",
        token,
        json={"address_id": address.json()["id"]},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert order.status_code == 201, order.text
    assert order.json()["shipping_address"]["line1"] == ADDRESS["line1"]
    assert order.json()["total"] == "25.00"
    payment = _api(
        "POST",
        "/payment/pay",
        token,
        json={
            "order_id": order.json()["id"],
            "card_number": "4242424242424242",
            "exp_month": 12,
            "exp_year": 2099,
            "cvc": "123",
        },
    )
    assert payment.status_code == 201, payment.text
    assert payment.json()["status"] == "succeeded"

    def paid() -> bool:
        return _api("GET", f"/order/{order.json()['id']}", token).json()["status"] == "paid"

    assert wait_for(paid)


def test_the_proxy_keeps_the_services_errors(product_factory):
    _email, token = _register_and_login()

    assert _api("GET", "/cart").status_code == 401
    assert _api("GET", f"/order/{uuid.uuid4()}", token).status_code == 404
    assert _api("PUT", "/order/create", token, json={}).status_code == 405
    assert _api("GET", "/internal/reservations").status_code == 404
    assert _api("GET", "/no-such-api").json() == {"detail": "Not found."}


def test_pagination_links_stay_on_the_gateway(product_factory):
    product_factory()
    product_factory()

    page = _api("GET", "/products?page_size=1").json()

    assert page["next"].startswith(f"{url('gateway')}/api/products?")


def test_a_cookie_login_reads_through_the_proxy_and_needs_the_csrf_token_to_write(
    product_factory,
):
    email, _token = _register_and_login()
    product = product_factory(stock=3)
    browser = requests.Session()
    login_page = browser.get(f"{url('gateway')}/login", timeout=TIMEOUT)
    csrf = browser.cookies["csrftoken"]
    assert login_page.status_code == 200
    signed_in = browser.post(
        f"{url('gateway')}/login",
        data={"email": email, "password": PASSWORD, "csrfmiddlewaretoken": csrf},
        headers={"Referer": f"{url('gateway')}/login"},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert signed_in.status_code == 302, signed_in.text
    # Signing in rotates the CSRF token (login CSRF): the old one is void.
    assert browser.cookies["csrftoken"] != csrf
    csrf = browser.cookies["csrftoken"]
    assert browser.get(f"{url('gateway')}/api/cart", timeout=TIMEOUT).status_code == 200

    without = browser.post(
        f"{url('gateway')}/api/cart/add", json={"product_id": product["id"]}, timeout=TIMEOUT
    )
    with_token = browser.post(
        f"{url('gateway')}/api/cart/add",
        json={"product_id": product["id"]},
        headers={"X-CSRFToken": csrf},
        timeout=TIMEOUT,
    )

    assert without.status_code == 403
    assert with_token.status_code == 200, with_token.text
    assert [item["quantity"] for item in with_token.json()["items"]] == [1]
