"""The /api proxy against services stubbed at the HTTP boundary."""

import json

import pytest
import requests
from conftest import service_url
from django.conf import settings
from django.test import Client

from api_proxy import forwarding
from shop_common import roles
from shop_common.testing import access_token_mint

pytestmark = pytest.mark.usefixtures("backends")


def _sent(backends, index: int = 0):
    return backends.calls[index].request


def test_a_get_keeps_the_query_status_body_and_content_type(backends):
    backends.get(
        service_url("catalog", "/products"),
        body=b'{"count": 0, "next": null, "previous": null, "results": []}',
        status=200,
        content_type="application/json",
    )

    response = Client().get("/api/products?search=mug&ids=a,b&search=two")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["count"] == 0
    assert _sent(backends).url.endswith("/products?search=mug&ids=a,b&search=two")


def test_each_prefix_goes_to_the_service_that_owns_it(backends):
    owners = {
        "auth/me": "auth",
        "products/1": "catalog",
        "categories": "catalog",
        "cart": "cart",
        "order/create": "order",
        "orders": "order",
        "addresses": "order",
        "payment/pay": "payment",
    }
    for path, service in owners.items():
        backends.get(service_url(service, f"/{path}"), json={"ok": path})

    for path in owners:
        assert Client().get(f"/api/{path}").json() == {"ok": path}


def test_a_post_body_and_the_backend_status_are_kept(backends):
    backends.post(service_url("auth", "/auth/register"), json={"email": ["taken"]}, status=409)
    body = {"email": "ann@example.com", "password": "a-long-passphrase"}

    response = Client().post("/api/auth/register", body, content_type="application/json")

    assert response.status_code == 409
    assert response.json() == {"email": ["taken"]}
    assert json.loads(_sent(backends).body) == body
    assert _sent(backends).headers["Content-Type"] == "application/json"


def test_the_authorization_request_id_and_idempotency_headers_are_forwarded(backends):
    backends.post(service_url("order", "/order/create"), json={}, status=201)

    Client().post(
        "/api/order/create",
        "{}",
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer header-token",
        HTTP_X_REQUEST_ID="req-42",
        HTTP_IDEMPOTENCY_KEY="key-1",
    )

    sent = _sent(backends).headers
    assert sent["Authorization"] == "Bearer header-token"
    assert sent["X-Request-ID"] == "req-42"
    assert sent["Idempotency-Key"] == "key-1"


def test_the_client_address_is_appended_to_x_forwarded_for(backends):
    backends.get(service_url("catalog", "/products"), json={})

    Client().get("/api/products", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="10.9.9.9")

    assert _sent(backends).headers["X-Forwarded-For"] == "10.9.9.9, 198.51.100.7"


def test_the_gateways_cookies_and_hop_by_hop_headers_are_not_forwarded(backends, shopper_client):
    backends.get(service_url("cart", "/cart"), json={})

    shopper_client.get(
        "/api/cart", HTTP_CONNECTION="keep-alive, X-Secret", HTTP_X_SECRET="s", HTTP_TE="trailers"
    )

    sent = _sent(backends).headers
    assert "Cookie" not in sent
    assert "X-Secret" not in sent
    assert "TE" not in sent


def test_the_login_cookie_supplies_the_token_when_no_header_is_sent(backends, shopper_client):
    backends.get(service_url("cart", "/cart"), json={"items": []})

    response = shopper_client.get("/api/cart")

    assert response.status_code == 200
    assert _sent(backends).headers["Authorization"] == f"Bearer {shopper_client.access_token}"


def test_an_authorization_header_wins_over_the_cookie(backends, shopper_client):
    backends.get(service_url("cart", "/cart"), json={})

    shopper_client.get("/api/cart", HTTP_AUTHORIZATION="Bearer from-header")

    assert _sent(backends).headers["Authorization"] == "Bearer from-header"


def _cookie_client_enforcing_csrf() -> Client:
    client = Client(enforce_csrf_checks=True)
    token = access_token_mint(user_id="5d5b7c1e-8a31-4a5e-9f0e-2f1b1c3d4e5f", role=roles.CUSTOMER)
    client.cookies[settings.LOGIN_ACCESS_COOKIE] = token
    return client


def test_an_unsafe_request_authenticated_by_cookie_without_the_csrf_token_is_403(backends):
    response = _cookie_client_enforcing_csrf().post(
        "/api/cart/add", "{}", content_type="application/json"
    )

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert len(backends.calls) == 0


def test_an_unsafe_request_by_cookie_with_the_csrf_token_is_forwarded(backends):
    backends.post(service_url("cart", "/cart/add"), json={"items": []})
    client = _cookie_client_enforcing_csrf()
    client.cookies[settings.CSRF_COOKIE_NAME] = "a" * 32

    response = client.post(
        "/api/cart/add", "{}", content_type="application/json", HTTP_X_CSRFTOKEN="a" * 32
    )

    assert response.status_code == 200
    assert _sent(backends).headers["Authorization"].startswith("Bearer ")


def test_an_unsafe_request_with_an_authorization_header_needs_no_csrf_token(backends):
    backends.post(service_url("cart", "/cart/add"), json={"items": []})

    response = _cookie_client_enforcing_csrf().post(
        "/api/cart/add", "{}", content_type="application/json", HTTP_AUTHORIZATION="Bearer t"
    )

    assert response.status_code == 200


def test_an_anonymous_unsafe_request_is_forwarded_without_a_csrf_token(backends):
    backends.post(service_url("auth", "/auth/login"), json={"access": "a", "refresh": "r"})

    response = Client(enforce_csrf_checks=True).post(
        "/api/auth/login", {"email": "a@example.com", "password": "x"}
    )

    assert response.status_code == 200
    assert "Authorization" not in _sent(backends).headers


def test_an_unreachable_service_is_a_503_with_a_detail(backends):
    backends.get(service_url("catalog", "/products"), body=requests.ConnectionError("refused"))

    response = Client().get("/api/products")

    assert response.status_code == 503
    assert response.json() == {"detail": "The catalog service is unavailable. Try again later."}


def test_a_service_that_times_out_is_a_503(backends):
    backends.get(service_url("payment", "/payment/1"), body=requests.ReadTimeout("slow"))

    response = Client().get("/api/payment/1")

    assert response.status_code == 503
    assert "payment" in response.json()["detail"]


def test_the_backends_405_and_its_allow_header_are_kept(backends):
    backends.put(
        service_url("order", "/order/create"),
        json={"detail": 'Method "PUT" not allowed.'},
        status=405,
        headers={"Allow": "POST, OPTIONS"},
    )

    response = Client().put("/api/order/create", "{}", content_type="application/json")

    assert response.status_code == 405
    assert response["Allow"] == "POST, OPTIONS"


@pytest.mark.parametrize(
    "path", ["/api/", "/api/internal/reservations", "/api/admin/", "/api/productsx", "/api/../x"]
)
def test_paths_no_service_owns_are_a_json_404_and_nothing_is_forwarded(backends, path):
    response = Client().post(path, "{}", content_type="application/json")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert len(backends.calls) == 0


def test_hop_by_hop_and_cookie_headers_of_the_answer_are_dropped(backends):
    backends.get(
        service_url("catalog", "/categories"),
        json={"results": []},
        headers={
            "Connection": "X-Internal",
            "X-Internal": "1",
            "Keep-Alive": "timeout=5",
            "Set-Cookie": "catalog_sessionid=abc; Path=/",
            "Retry-After": "7",
        },
    )

    response = Client().get("/api/categories")

    assert "X-Internal" not in response
    assert "Keep-Alive" not in response
    assert "catalog_sessionid" not in response.cookies
    assert response["Retry-After"] == "7"


def test_pagination_links_point_at_the_gateway(backends):
    catalog = service_url("catalog")
    backends.get(
        service_url("catalog", "/products"),
        json={"count": 30, "next": f"{catalog}/products?page=2", "previous": None, "results": []},
    )

    response = Client().get("/api/products")

    assert response.json()["next"] == "http://testserver/api/products?page=2"


def test_a_204_is_kept_without_a_body(backends):
    backends.delete(service_url("cart", "/cart"), status=204)

    response = Client().delete("/api/cart", HTTP_AUTHORIZATION="Bearer t")

    assert response.status_code == 204
    assert response.content == b""


def test_a_body_over_the_limit_is_413_and_not_forwarded(backends, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100

    response = Client().post("/api/auth/login", "x" * 200, content_type="application/json")

    assert response.status_code == 413
    assert len(backends.calls) == 0


def test_one_session_serves_every_call_and_keeps_no_cookie(backends):
    backends.get(
        service_url("catalog", "/categories"),
        json={},
        headers={"Set-Cookie": "leak=1; Path=/"},
    )

    Client().get("/api/categories")
    Client().get("/api/categories")

    assert forwarding.session_get() is forwarding.session_get()
    assert len(forwarding.session_get().cookies) == 0
    assert "Cookie" not in _sent(backends, 1).headers


def test_a_services_static_file_is_served_on_the_gateways_origin(backends):
    backends.get(
        service_url("catalog", "/static/catalog/products/mug.svg"),
        body=b"<svg/>",
        content_type="image/svg+xml",
        headers={"Cache-Control": "max-age=60"},
    )

    response = Client().get("/static/catalog/products/mug.svg")

    assert response.status_code == 200
    assert response.content == b"<svg/>"
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Cache-Control"] == "max-age=60"


def test_static_paths_of_no_service_or_unsafe_methods_are_404(backends):
    assert Client().get("/static/nobody/x.css").status_code == 404
    assert Client().post("/static/catalog/x.css").status_code == 404
    assert len(backends.calls) == 0


def test_a_request_id_is_echoed_on_the_proxied_answer(backends):
    backends.get(service_url("catalog", "/products"), json={})

    response = Client().get("/api/products", HTTP_X_REQUEST_ID="abc-1")

    assert response["X-Request-ID"] == "abc-1"
