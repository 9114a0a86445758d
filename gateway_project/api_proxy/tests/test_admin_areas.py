"""The staff console's areas: each service's Django admin through the
gateway, against services stubbed at the HTTP boundary."""

import pytest
import requests
from conftest import client_signed_in, service_url
from django.conf import settings
from django.test import Client

from shop_common import roles

AREAS = {"catalog": "catalog", "orders": "order", "payments": "payment", "users": "auth"}


@pytest.fixture
def admin_client() -> Client:
    return client_signed_in(role=roles.ADMIN, email="boss@example.com")


@pytest.mark.parametrize(("area", "service"), AREAS.items())
def test_each_area_goes_to_its_services_admin_with_the_same_path(backends, area, service):
    backends.get(service_url(service, f"/admin/{area}/x/y/"), body="<html>ok</html>")

    response = Client().get(f"/admin/{area}/x/y/?q=mug", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert response.content == b"<html>ok</html>"
    assert backends.calls[0].request.url.endswith(f"/admin/{area}/x/y/?q=mug")


def test_the_gateways_host_and_forwarding_headers_go_on(backends):
    backends.get(service_url("catalog", "/admin/catalog/"), body="")

    Client().get("/admin/catalog/", HTTP_HOST="localhost:8000", REMOTE_ADDR="198.51.100.3")

    sent = backends.calls[0].request.headers
    assert sent["Host"] == "localhost:8000"
    assert sent["X-Forwarded-For"] == "198.51.100.3"
    assert sent["X-Forwarded-Proto"] == "http"


def test_a_signed_in_admins_token_goes_with_the_request(backends, admin_client):
    backends.get(service_url("order", "/admin/orders/"), body="")

    admin_client.get("/admin/orders/")

    assert backends.calls[0].request.headers["Authorization"] == (
        f"Bearer {admin_client.access_token}"
    )


def test_an_anonymous_visitor_reaches_the_areas_own_login_form_without_a_token(backends):
    backends.get(
        service_url("payment", "/admin/payments/"),
        status=302,
        headers={"Location": "/admin/payments/login/?next=/admin/payments/"},
    )

    response = Client().get("/admin/payments/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/payments/login/?next=/admin/payments/"
    assert "Authorization" not in backends.calls[0].request.headers


def test_a_signed_in_customer_is_refused_at_every_area(backends, shopper_client):
    for area in AREAS:
        response = shopper_client.get(f"/admin/{area}/", HTTP_ACCEPT="text/html")
        assert response.status_code == 403
    assert len(backends.calls) == 0


def test_only_the_areas_own_cookies_are_forwarded(backends, admin_client):
    backends.get(service_url("catalog", "/admin/catalog/"), body="")
    admin_client.cookies["catalog_sessionid"] = "cat-session"
    admin_client.cookies["order_sessionid"] = "order-session"
    admin_client.cookies[settings.CSRF_COOKIE_NAME] = "gateway-csrf"

    admin_client.get("/admin/catalog/")

    assert backends.calls[0].request.headers["Cookie"] == "catalog_sessionid=cat-session"


def test_the_areas_cookies_come_back_and_no_others(backends):
    backends.post(
        service_url("catalog", "/admin/catalog/login/"),
        status=302,
        headers=[
            ("Location", "/admin/catalog/"),
            ("Set-Cookie", "catalog_sessionid=s1; HttpOnly; Path=/admin/catalog/; SameSite=Lax"),
            ("Set-Cookie", "catalog_csrftoken=c1; Path=/admin/catalog/; SameSite=Lax"),
            ("Set-Cookie", "stray=1; Path=/"),
        ],
    )

    response = Client().post("/admin/catalog/login/", {"username": "a", "password": "b"})

    assert response.cookies["catalog_sessionid"].value == "s1"
    assert response.cookies["catalog_sessionid"]["path"] == "/admin/catalog/"
    assert response.cookies["catalog_sessionid"]["httponly"]
    assert response.cookies["catalog_csrftoken"].value == "c1"
    assert "stray" not in response.cookies


def test_a_post_keeps_its_form_body_and_needs_no_gateway_csrf_token(backends):
    backends.post(
        service_url("order", "/admin/orders/orders/order/"),
        status=302,
        headers={"Location": "/admin/orders/orders/order/"},
    )

    response = Client(enforce_csrf_checks=True).post(
        "/admin/orders/orders/order/",
        {"action": "mark_shipped", "_selected_action": "1", "csrfmiddlewaretoken": "t"},
        HTTP_ORIGIN="http://testserver",
    )

    sent = backends.calls[0].request
    assert response.status_code == 302
    assert b'name="action"\r\n\r\nmark_shipped' in sent.body
    assert sent.headers["Content-Type"].startswith("multipart/form-data")
    assert sent.headers["Origin"] == "http://testserver"


def test_a_redirect_to_the_services_own_address_is_rewritten_to_the_gateway(backends):
    backends.get(
        service_url("auth", "/admin/users/"),
        status=302,
        headers={"Location": service_url("auth", "/admin/users/login/")},
    )

    response = Client().get("/admin/users/")

    assert response["Location"] == "http://testserver/admin/users/login/"


def test_an_area_whose_service_is_down_is_a_503_page_with_a_notice(backends, admin_client):
    backends.get(service_url("payment", "/admin/payments/"), body=requests.ConnectionError())

    response = admin_client.get("/admin/payments/", HTTP_ACCEPT="text/html")

    assert response.status_code == 503
    assert b"The payment service is unavailable right now." in response.content


def test_an_unknown_area_is_not_proxied(backends):
    response = Client().get("/admin/secrets/")

    assert response.status_code == 404
    assert len(backends.calls) == 0


def test_an_areas_static_files_come_through_the_gateway(backends):
    backends.get(
        service_url("order", "/static/order/admin/css/base.css"),
        body="body{}",
        content_type="text/css",
    )

    response = Client().get("/static/order/admin/css/base.css")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/css"
