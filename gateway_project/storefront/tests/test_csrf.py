"""Every storefront form is refused without its CSRF token, before any
service is called."""

import uuid

import pytest

from storefront.tests.factories import cart_json, product_json

ID = uuid.UUID(int=7)


@pytest.mark.parametrize(
    "path",
    [
        f"/products/{ID}/add",
        "/cart/update",
        "/cart/remove",
        "/checkout",
        f"/orders/{ID}/pay",
        f"/orders/{ID}/cancel",
    ],
)
def test_a_form_posted_without_its_csrf_token_is_refused(services, shopper_csrf_client, path):
    response = shopper_csrf_client.post(path, {"product_id": str(ID), "quantity": "1"})

    assert response.status_code == 403
    assert len(services.calls) == 0


@pytest.mark.parametrize("path", [f"/products/{ID}/add", "/cart/update", "/checkout"])
def test_an_anonymous_form_posted_without_its_csrf_token_is_refused(services, csrf_client, path):
    assert csrf_client.post(path, {"quantity": "1"}).status_code == 403


def test_a_form_posted_with_its_csrf_token_is_accepted(services, shopper_csrf_client):
    item = product_json()
    services.stub("GET", "catalog", f"/products/{item['id']}", json=item)
    services.stub("POST", "cart", "/cart/add", json=cart_json([]))
    page = shopper_csrf_client.get(f"/products/{item['id']}")
    token = page.context["csrf_token"]

    response = shopper_csrf_client.post(
        f"/products/{item['id']}/add", {"quantity": "1", "csrfmiddlewaretoken": str(token)}
    )

    assert response.status_code == 302
    assert response["Location"] == "/cart"
