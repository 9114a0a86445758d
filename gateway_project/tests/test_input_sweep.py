"""Every form field and query parameter of the storefront fed what clients get
wrong: NUL, 10,000 characters, bytes that are not UTF-8. Never a 500
(DESIGN.md §3); at most a form error or, where a service it would call is
down (every service is here), a 503 page. A NUL never reaches a service."""

import io
import json
import uuid
from urllib.parse import quote

import pytest
import responses
from conftest import service_url
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client, RequestFactory

from accounts.forms import AddressForm, LoginForm, PasswordChangeForm, RegisterForm
from storefront.forms import CardForm, CartLineForm, CartRemoveForm, CheckoutForm, QuantityForm

ORDER_ID = str(uuid.uuid4())
PRODUCT_ID = str(uuid.uuid4())
ADDRESS_ID = str(uuid.uuid4())

# (path, form class, needs a signed-in shopper)
FORMS = [
    ("/register", RegisterForm, False),
    ("/login", LoginForm, False),
    ("/account/password", PasswordChangeForm, True),
    ("/account/addresses", AddressForm, True),
    (f"/account/addresses/{ADDRESS_ID}", AddressForm, True),
    (f"/products/{PRODUCT_ID}/add", QuantityForm, True),
    ("/cart/update", CartLineForm, True),
    ("/cart/remove", CartRemoveForm, True),
    ("/checkout", CheckoutForm, True),
    (f"/orders/{ORDER_ID}/pay", CardForm, True),
]
FIELDS = [
    pytest.param(path, name, signed_in, id=f"{path}-{name}")
    for path, form, signed_in in FORMS
    for name in form.base_fields
]
# Raw form-encoded values: a NUL, 10,000 characters, a lone surrogate's bytes
# (not UTF-8) and bytes that are no text at all.
BAD_VALUES = {"nul": "a%00b", "long": "x" * 10_000, "surrogate-bytes": "%ED%A0%80", "ff": "%FF%FE"}


def _client(signed_in: bool, request) -> Client:
    return request.getfixturevalue("shopper_client") if signed_in else Client()


@pytest.mark.parametrize(("path", "field", "signed_in"), FIELDS)
@pytest.mark.parametrize("raw", BAD_VALUES.values(), ids=BAD_VALUES.keys())
def test_a_bad_value_in_any_form_field_is_never_a_500(
    backends, request, path, field, signed_in, raw
):
    client = _client(signed_in, request)

    response = client.post(
        path, data=f"{field}={raw}", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code < 500 or response.status_code == 503
    sent = [call.request.body or b"" for call in backends.calls]
    assert not any(b"\\u0000" in body or b"\x00" in body for body in map(_bytes, sent))


def _bytes(body) -> bytes:
    return body if isinstance(body, bytes) else str(body).encode()


QUERIES = [("/", name) for name in ("search", "q", "category", "ordering", "page")] + [
    ("/orders", "page"),
    ("/login", "next"),
    ("/register", "next"),
]


@pytest.mark.parametrize(("path", "parameter"), QUERIES, ids=[f"{p}?{n}" for p, n in QUERIES])
@pytest.mark.parametrize("raw", BAD_VALUES.values(), ids=BAD_VALUES.keys())
def test_a_bad_query_parameter_is_never_a_500(backends, shopper_client, path, parameter, raw):
    response = shopper_client.get(f"{path}?{parameter}={raw}")

    assert response.status_code < 500 or response.status_code == 503
    assert not any("%00" in call.request.url for call in backends.calls)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("HTTP_COOKIE", "shop_access=\xff\xfe; shop_refresh=\xc3\xa9"),
        ("HTTP_COOKIE", "shop_access=" + "a" * 5000),
        ("HTTP_AUTHORIZATION", "Bearer \xff\xfe"),
        ("HTTP_X_REQUEST_ID", "abc\n"),
        ("HTTP_X_FORWARDED_FOR", "\xff, \x00, " + "1" * 5000),
        ("HTTP_ACCEPT_LANGUAGE", "\xff" * 100),
    ],
    ids=[
        "cookie-bytes",
        "cookie-huge",
        "authorization-bytes",
        "request-id-newline",
        "xff-junk",
        "accept-language",
    ],
)
def test_malformed_headers_on_a_page_are_never_a_500(backends, name, value):
    response = Client().get("/", **{name: value})

    assert response.status_code < 500 or response.status_code == 503
    assert "\n" not in response["X-Request-ID"]


def test_a_request_id_with_a_trailing_newline_is_replaced_not_echoed(backends):
    response = Client().get("/healthz", HTTP_X_REQUEST_ID="abc\n")

    assert response.status_code == 200
    assert response["X-Request-ID"] != "abc\n"
    assert response["X-Request-ID"] != "abc"


def _unframed_post(path: str, body: bytes, content_type: str) -> tuple[int, bytes]:
    """POSTs `body` as a WSGI server hands on a chunked request: no
    CONTENT_LENGTH, the de-chunked bytes in wsgi.input."""
    environ = RequestFactory()._base_environ(
        PATH_INFO=path,
        REQUEST_METHOD="POST",
        CONTENT_TYPE=content_type,
        HTTP_TRANSFER_ENCODING="chunked",
        HTTP_AUTHORIZATION="Bearer a-token",
        **{"wsgi.input": io.BytesIO(body)},
    )
    environ.pop("CONTENT_LENGTH", None)
    started = {}
    chunks = WSGIHandler()(environ, lambda status, headers: started.update(status=status))
    return int(started["status"].split()[0]), b"".join(chunks)


def test_a_proxied_body_without_a_length_reaches_the_service_whole(backends):
    backends.add(responses.POST, service_url("cart", "/cart/add"), json={"ok": True})

    status, _ = _unframed_post("/api/cart/add", b'{"product_id": "x"}', "application/json")

    assert status == 200
    assert backends.calls[0].request.body == b'{"product_id": "x"}'


def test_a_proxied_body_without_a_length_over_the_limit_is_413_before_any_call(backends, settings):
    body = b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)

    status, content = _unframed_post("/api/cart/add", body, "application/json")

    assert status == 413
    assert json.loads(content) == {"detail": "The request body is too large."}
    assert len(backends.calls) == 0


def test_a_proxied_multipart_body_over_the_limit_is_413_before_any_service_is_called(
    backends, settings
):
    big = b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    boundary = "b0undary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + big
        + f"\r\n--{boundary}--\r\n".encode()
    )

    response = Client().generic(
        "POST", "/api/products", body, f"multipart/form-data; boundary={boundary}"
    )

    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large."}
    assert len(backends.calls) == 0


def test_a_form_post_over_the_limit_is_413(backends, settings):
    body = "email=" + quote("a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1))

    response = Client().post("/login", data=body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 413
    assert len(backends.calls) == 0


@pytest.mark.parametrize("next_url", ["account", "a%00b", "%ED%A0%80", "orders?page=2"])
def test_a_signed_in_shopper_on_the_login_page_with_a_relative_next_goes_to_the_account(
    backends, shopper_client, next_url
):
    # redirect() took such a value for a view name: NoReverseMatch, a 500.
    response = shopper_client.get(f"/login?next={next_url}")

    assert response.status_code == 302
    assert response["Location"] == "/account"
