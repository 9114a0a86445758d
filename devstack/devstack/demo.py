"""Demo shop activity for `make run`: customers, a cart with items, orders in
every status, succeeded and failed payments, a refund (DESIGN.md §7).

It goes through the services' public APIs, as a client would, so the demo
data obeys every rule the services enforce. Idempotent: it does nothing when
the first demo customer can already log in.
"""

import time

import requests

TIMEOUT = 10
PASSWORD = "demo-password-change-me"
CUSTOMERS = ["demo.alice@example.com", "demo.bob@example.com"]
ADDRESS = {
    "name": "Demo Customer",
    "line1": "1 Abay Avenue",
    "city": "Almaty",
    "postal_code": "050000",
    "country": "KZ",
}
GOOD_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000002"


class Client:
    def __init__(self, urls: dict[str, str], token: str = ""):
        self.urls = urls
        self.token = token

    def call(self, method: str, service: str, path: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        response = requests.request(
            method, self.urls[service] + path, headers=headers, timeout=TIMEOUT, **kwargs
        )
        if response.status_code >= 400:
            raise RuntimeError(f"{method} {service}{path}: {response.status_code} {response.text}")
        return response

    def login(self, email: str, password: str) -> "Client":
        body = self.call(
            "POST", "auth", "/auth/login", json={"email": email, "password": password}
        ).json()
        return Client(self.urls, body["access"])


def _login_works(urls: dict[str, str], email: str) -> bool:
    response = requests.post(
        urls["auth"] + "/auth/login", json={"email": email, "password": PASSWORD}, timeout=TIMEOUT
    )
    return response.status_code == 200


def _order(customer: Client, products: list[dict], quantity: int = 1) -> str:
    for product in products:
        customer.call(
            "POST", "cart", "/cart/add", json={"product_id": product["id"], "quantity": quantity}
        )
    order = customer.call("POST", "order", "/order/create", json={"shipping_address": ADDRESS})
    return order.json()["id"]


def _pay(customer: Client, order_id: str, card: str) -> str:
    payment = customer.call(
        "POST",
        "payment",
        "/payment/pay",
        json={
            "order_id": order_id,
            "card_number": card,
            "exp_month": 12,
            "exp_year": 2099,
            "cvc": "123",
        },
    )
    return payment.json()["id"]


def _wait_status(client: Client, order_id: str, status: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while client.call("GET", "order", f"/order/{order_id}").json()["status"] != status:
        if time.monotonic() > deadline:
            raise RuntimeError(f"order {order_id} did not reach {status}")
        time.sleep(0.3)


def demo_seed(*, urls: dict[str, str], admin_email: str, admin_password: str) -> bool:
    """Creates the demo activity; returns False when it was already there."""
    if _login_works(urls, CUSTOMERS[0]):
        return False
    anonymous = Client(urls)
    for email in CUSTOMERS:
        if not _login_works(urls, email):
            anonymous.call(
                "POST", "auth", "/auth/register", json={"email": email, "password": PASSWORD}
            )
    admin = anonymous.login(admin_email, admin_password)
    alice, bob = (anonymous.login(email, PASSWORD) for email in CUSTOMERS)
    products = [
        p
        for p in anonymous.call("GET", "catalog", "/products", params={"page_size": 40}).json()[
            "results"
        ]
        if p["stock"] >= 10
    ]
    if len(products) < 8:
        raise RuntimeError("the demo catalog has too few products in stock")

    _order(alice, products[0:2])  # left awaiting payment
    paid = _order(alice, products[2:3], quantity=2)
    _pay(alice, paid, GOOD_CARD)
    failed = _order(bob, products[3:4])
    _pay(bob, failed, DECLINED_CARD)
    cancelled = _order(bob, products[4:5])
    bob.call("POST", "order", f"/order/{cancelled}/cancel")
    shipped = _order(alice, products[5:6])
    _pay(alice, shipped, GOOD_CARD)
    delivered = _order(bob, products[6:7])
    _pay(bob, delivered, GOOD_CARD)
    refunded = _order(alice, products[7:8])
    refund_payment = _pay(alice, refunded, GOOD_CARD)

    for order_id in (paid, shipped, delivered, refunded):
        _wait_status(admin, order_id, "paid")
    _wait_status(admin, failed, "payment_failed")
    admin.call("POST", "order", f"/order/{shipped}/status", json={"status": "shipped"})
    admin.call("POST", "order", f"/order/{delivered}/status", json={"status": "shipped"})
    admin.call("POST", "order", f"/order/{delivered}/status", json={"status": "delivered"})
    admin.call("POST", "payment", f"/payment/{refund_payment}/refund")
    _wait_status(admin, refunded, "refunded")

    # A cart left with items, as a shopper who has not checked out yet.
    bob.call("POST", "cart", "/cart/add", json={"product_id": products[1]["id"], "quantity": 2})
    return True
