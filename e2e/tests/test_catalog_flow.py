import requests
from conftest import TIMEOUT, url


def test_an_admin_token_from_auth_creates_a_product_that_the_storefront_lists(
    admin, product_factory
):
    product = product_factory(price="12.50", stock=4)

    detail = requests.get(url("catalog") + f"/products/{product['id']}", timeout=TIMEOUT)

    assert detail.status_code == 200
    assert detail.json()["price"] == "12.50"


def test_a_customer_token_cannot_write_the_catalog(customer):
    response = customer.call(
        "POST", "catalog", "/products", json={"sku": "NOPE-1", "name": "x", "price": "1.00"}
    )

    assert response.status_code == 403


def test_internal_reservations_refuse_an_admin_user_token(admin):
    response = admin.call(
        "POST", "catalog", "/internal/reservations", json={"order_id": "x", "items": []}
    )

    assert response.status_code in (401, 403)
