"""Request bodies on the real servers (gunicorn): one size limit on every
service whatever the body's type or framing (shop_common.request_body), and
malformed input answered with a 4xx, never a 500 (DESIGN.md §3)."""

import json

import pytest
import requests
from conftest import TIMEOUT, url

LIMIT = 1024 * 1024  # DJANGO_MAX_BODY_BYTES' default
# A write of each service, and the gateway's proxy in front of one.
WRITES = [
    ("auth", "/auth/login"),
    ("catalog", "/products"),
    ("cart", "/cart/add"),
    ("order", "/order/create"),
    ("payment", "/payment/pay"),
    ("gateway", "/api/auth/login"),
]
IDS = [f"{service}{path}" for service, path in WRITES]


@pytest.mark.parametrize(("service", "path"), WRITES, ids=IDS)
def test_a_multipart_file_part_over_the_limit_is_413_with_json(service, path, customer):
    files = {"upload": ("big.bin", b"x" * (LIMIT + 1), "application/octet-stream")}

    response = requests.post(
        url(service) + path,
        files=files,
        headers={"Authorization": f"Bearer {customer.access}"},
        timeout=TIMEOUT,
    )

    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large."}
    assert response.headers["X-Request-ID"]


@pytest.mark.parametrize(("service", "path"), WRITES, ids=IDS)
def test_a_chunked_body_over_the_limit_is_413_with_json(service, path, customer):
    chunks = (b"x" * 65_536 for _ in range(LIMIT // 65_536 + 1))

    response = requests.post(
        url(service) + path,
        data=chunks,  # an iterable body goes chunked, without Content-Length
        headers={"Authorization": f"Bearer {customer.access}", "Content-Type": "application/json"},
        timeout=TIMEOUT,
    )

    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large."}


@pytest.mark.parametrize("service", ["auth", "gateway"])
def test_a_small_chunked_body_is_read_like_any_other(service):
    # Django alone reads a chunked body as empty ("This field is required.").
    body = json.dumps({"email": "nobody@example.com", "password": "not-the-password"}).encode()
    path = "/auth/login" if service == "auth" else "/api/auth/login"

    response = requests.post(
        url(service) + path,
        data=iter([body[:10], body[10:]]),
        headers={"Content-Type": "application/json", "X-Forwarded-For": "198.51.100.24"},
        timeout=TIMEOUT,
    )

    assert response.status_code == 401, response.text
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize("service", ["auth", "catalog", "cart", "order", "payment", "gateway"])
def test_a_bearer_token_of_non_ascii_bytes_is_a_json_401(service):
    path = {
        "auth": "/auth/me",
        "catalog": "/products/low-stock",
        "cart": "/cart",
        "order": "/orders",
        "payment": "/payments",
        "gateway": "/api/cart",
    }[service]
    headers = {"Authorization": "Bearer caf\xc3\xa9.\xff\xfe.x".encode("latin-1")}

    response = requests.get(url(service) + path, headers=headers, timeout=TIMEOUT)

    assert response.status_code == 401
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize(("service", "path"), WRITES, ids=IDS)
@pytest.mark.parametrize("charset", ["punycode", "idna"])
def test_a_body_in_a_charset_that_cannot_decode_it_is_415_not_500(service, path, charset, customer):
    response = requests.post(
        url(service) + path,
        data=b"email=a%40example.com&password=x",
        headers={
            "Authorization": f"Bearer {customer.access}",
            "Content-Type": f"application/x-www-form-urlencoded; charset={charset}",
        },
        timeout=TIMEOUT,
    )

    assert response.status_code == 415
    assert response.json() == {"detail": "Unsupported charset in Content-Type."}
