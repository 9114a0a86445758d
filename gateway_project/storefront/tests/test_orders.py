"""`/orders` and `/orders/<id>`: the shopper's orders, one order's lines and
history, and cancelling."""

import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import page_json

from pages.presenters import unavailable_notice
from storefront.tests.factories import order_event_json, order_json


def order_stub(services, **overrides) -> dict:
    data = order_json(**overrides)
    services.stub("GET", "order", f"/order/{data['id']}", json=data)
    return data


# --- the list ------------------------------------------------------------------


def test_orders_lists_date_status_total_and_a_link(services, shopper_client):
    first = order_json(status="paid", total="1299.00", created_at="2025-03-04T09:30:00Z")
    second = order_json(status="pending_payment")
    services.stub("GET", "order", "/orders", json=page_json([first, second]))

    response = shopper_client.get("/orders")

    assert response.status_code == 200
    content = response.content.decode()
    assert content.count('data-testid="order-row"') == 2
    assert "4 Mar 2025, 09:30" in content
    assert 'data-testid="order-status">Paid<' in content
    assert 'data-testid="order-status">Awaiting payment<' in content
    assert "1,299.00 KZT" in content
    assert f'href="/orders/{first["id"]}"' in content


def test_orders_asks_for_the_page_with_the_configured_size_and_the_shoppers_token(
    services, shopper_client, settings
):
    settings.ORDERS_PAGE_SIZE = 7
    services.stub("GET", "order", "/orders", json=page_json([]))

    shopper_client.get("/orders?page=3")

    sent = services.requests_to("/orders")[0]
    assert parse_qs(urlsplit(sent.url).query) == {"page": ["3"], "page_size": ["7"]}
    assert sent.headers["Authorization"] == f"Bearer {shopper_client.access_token}"


def test_orders_links_to_the_next_and_previous_pages(services, shopper_client, settings):
    settings.ORDERS_PAGE_SIZE = 1
    services.stub("GET", "order", "/orders", json=page_json([order_json()], count=3))

    content = shopper_client.get("/orders?page=2").content.decode()

    assert 'href="?page=3" rel="next"' in content
    assert 'href="?page=1" rel="prev"' in content


@pytest.mark.parametrize("page", ["abc", "-1", "0", "1e9", "99999999999"])
def test_orders_with_a_page_that_is_not_a_page_shows_the_first(services, shopper_client, page):
    services.stub("GET", "order", "/orders", json=page_json([]))

    response = shopper_client.get("/orders", {"page": page})

    assert response.status_code == 200
    assert parse_qs(urlsplit(services.requests_to("/orders")[0].url).query)["page"] == ["1"]


def test_orders_past_the_last_page_says_so_with_a_link_to_the_first(services, shopper_client):
    services.stub("GET", "order", "/orders", status=404, json={"detail": "Invalid page."})

    response = shopper_client.get("/orders?page=50")

    assert response.status_code == 200
    content = response.content.decode()
    assert "There is no page 50 of your orders." in content
    assert 'data-testid="first-page"' in content


def test_orders_without_any_says_so(services, shopper_client):
    services.stub("GET", "order", "/orders", json=page_json([]))

    assert 'data-testid="orders-empty"' in shopper_client.get("/orders").content.decode()


def test_orders_with_the_order_service_down_is_200_with_a_notice(services, shopper_client):
    services.down("order", "/orders")

    response = shopper_client.get("/orders")

    assert response.status_code == 200
    assert unavailable_notice("order") in response.content.decode()


# --- one order -----------------------------------------------------------------


def test_an_order_shows_its_lines_total_and_shipping_address(services, shopper_client):
    data = order_stub(
        services,
        items=[
            {
                "product_id": str(uuid.uuid4()),
                "sku": "MUG-1",
                "name": "Blue mug",
                "unit_price": "19.90",
                "quantity": 2,
                "line_total": "39.80",
            }
        ],
        total="39.80",
    )

    response = shopper_client.get(f"/orders/{data['id']}")

    assert response.status_code == 200
    content = response.content.decode()
    assert 'data-testid="order-line"' in content
    assert "Blue mug" in content
    assert "19.90 KZT" in content
    assert 'data-testid="order-total">39.80 KZT<' in content
    assert "Aigerim Sadykova<br>12 Abay Avenue<br>050000 Almaty<br>KZ" in content


def test_an_order_shows_its_status_history(services, shopper_client):
    data = order_stub(
        services,
        status="cancelled",
        events=[
            order_event_json(from_status=None, to_status="pending_payment", actor="customer:1"),
            order_event_json(
                from_status="pending_payment",
                to_status="cancelled",
                actor="system",
                at="2025-01-02T10:30:00Z",
                note="Not paid in time.",
            ),
        ],
    )

    content = shopper_client.get(f"/orders/{data['id']}").content.decode()

    assert content.count('data-testid="order-event"') == 2
    assert "Awaiting payment → <strong>Cancelled</strong>" in content
    assert "2 Jan 2025, 10:30" in content
    assert "The shop (automatic)" in content
    assert "Not paid in time." in content


def test_an_order_awaiting_payment_has_pay_and_cancel_buttons(services, shopper_client):
    data = order_stub(services, status="pending_payment")

    content = shopper_client.get(f"/orders/{data['id']}").content.decode()

    assert f'href="/orders/{data["id"]}/pay" data-testid="pay-button"' in content
    assert f'action="/orders/{data["id"]}/cancel"' in content
    assert 'data-testid="cancel-order"' in content


def test_a_declined_order_can_be_cancelled_but_not_paid_and_says_why(services, shopper_client):
    data = order_stub(services, status="payment_failed")

    content = shopper_client.get(f"/orders/{data['id']}").content.decode()

    assert 'data-testid="cancel-order"' in content
    assert 'data-testid="pay-button"' not in content
    assert 'data-testid="order-declined"' in content
    assert "can no longer be paid" in content


@pytest.mark.parametrize("status", ["paid", "shipped", "delivered", "cancelled", "refunded"])
def test_an_order_past_payment_has_neither_pay_nor_cancel(services, shopper_client, status):
    data = order_stub(services, status=status)

    content = shopper_client.get(f"/orders/{data['id']}").content.decode()

    assert 'data-testid="cancel-order"' not in content
    assert 'data-testid="pay-button"' not in content
    assert f'data-status="{status}"' in content


def test_a_script_tag_in_an_order_line_and_address_is_escaped(services, shopper_client):
    data = order_stub(
        services,
        items=[
            {
                "product_id": str(uuid.uuid4()),
                "sku": "X",
                "name": "<script>a()</script>",
                "unit_price": "1.00",
                "quantity": 1,
                "line_total": "1.00",
            }
        ],
        shipping_address={
            "name": "<script>b()</script>",
            "line1": "1 Street",
            "line2": "",
            "city": "Almaty",
            "postal_code": "050000",
            "country": "KZ",
            "phone": "",
        },
    )

    content = shopper_client.get(f"/orders/{data['id']}").content.decode()

    assert "&lt;script&gt;a()&lt;/script&gt;" in content
    assert "&lt;script&gt;b()&lt;/script&gt;" in content
    assert "<script>a()" not in content
    assert "<script>b()" not in content


def test_someone_elses_or_an_unknown_order_is_a_404_page(services, shopper_client):
    order_id = uuid.uuid4()
    services.stub("GET", "order", f"/order/{order_id}", status=404, json={"detail": "Not found."})

    response = shopper_client.get(f"/orders/{order_id}")

    assert response.status_code == 404
    assert "Order not found" in response.content.decode()


def test_an_order_with_the_order_service_down_is_200_with_a_notice(services, shopper_client):
    order_id = uuid.uuid4()
    services.down("order", f"/order/{order_id}")

    response = shopper_client.get(f"/orders/{order_id}")

    assert response.status_code == 200
    assert unavailable_notice("order") in response.content.decode()


# --- cancelling ----------------------------------------------------------------


def test_cancelling_posts_to_the_order_service_and_confirms(services, shopper_client):
    data = order_json(status="pending_payment")
    services.stub(
        "POST", "order", f"/order/{data['id']}/cancel", json={**data, "status": "cancelled"}
    )
    services.stub("GET", "order", f"/order/{data['id']}", json={**data, "status": "cancelled"})

    response = shopper_client.post(f"/orders/{data['id']}/cancel", follow=True)

    sent = services.requests_to(f"/order/{data['id']}/cancel")[0]
    assert sent.method == "POST"
    assert sent.headers["Authorization"] == f"Bearer {shopper_client.access_token}"
    assert response.redirect_chain == [(f"/orders/{data['id']}", 302)]
    assert "Your order was cancelled" in response.content.decode()


def test_cancelling_an_order_that_can_no_longer_be_cancelled_shows_why(services, shopper_client):
    data = order_json(status="paid")
    services.stub(
        "POST",
        "order",
        f"/order/{data['id']}/cancel",
        status=409,
        json={"detail": "An order cannot go from paid to cancelled."},
    )
    services.stub("GET", "order", f"/order/{data['id']}", json=data)

    response = shopper_client.post(f"/orders/{data['id']}/cancel", follow=True)

    assert "An order cannot go from paid to cancelled." in response.content.decode()


def test_cancelling_someone_elses_order_is_a_404_page(services, shopper_client):
    order_id = uuid.uuid4()
    services.stub(
        "POST", "order", f"/order/{order_id}/cancel", status=404, json={"detail": "Not found."}
    )

    assert shopper_client.post(f"/orders/{order_id}/cancel").status_code == 404


def test_cancelling_with_the_order_service_down_comes_back_with_a_notice(services, shopper_client):
    order_id = uuid.uuid4()
    services.down("order", f"/order/{order_id}/cancel", method="POST")
    services.down("order", f"/order/{order_id}")

    response = shopper_client.post(f"/orders/{order_id}/cancel", follow=True)

    assert response.status_code == 200
    assert unavailable_notice("order") in response.content.decode()


def test_cancelling_is_post_only(shopper_client):
    assert shopper_client.get(f"/orders/{uuid.uuid4()}/cancel").status_code == 405


def test_orders_with_a_bad_page_and_no_orders_shows_the_empty_state(services, shopper_client):
    services.stub("GET", "order", "/orders", json=page_json([]))

    content = shopper_client.get("/orders?page=abc").content.decode()

    assert 'data-testid="orders-empty"' in content
    assert 'data-testid="orders-unavailable"' not in content
