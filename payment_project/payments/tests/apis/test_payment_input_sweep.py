"""No input produces a 500: every text input of the payment API swept with
hostile values. Each is a 400 keyed by its field (or a 404 for an id in a
path), writes nothing, asks no other service, and no card number reaches the
logs."""

import json
import logging
import uuid

import pytest

from payments.models import CallbackOutbox, Payment, PaymentTransaction
from payments.tests.conftest import GOOD_CARD
from payments.tests.factories import payment_succeeded_create

pytestmark = pytest.mark.django_db

PAY = "/payment/pay"

HOSTILE = {
    "lone surrogate": "\ud800",
    "lone surrogate after digits": "4242424242424242\udfff",
    "NUL": "\x00",
    "NUL between digits": "4242\x00424242424242",
    "10,000 characters": "7" * 10_000,
    "10,000 spaces": " " * 10_000,
    "empty": "",
    "right-to-left override": "\u202e4242",
    "Arabic-Indic digits": "\u0661\u0662\u0663",
    "object": {"number": GOOD_CARD},
    "nested": {"a": [{"b": [[]]}]},
    "list": [GOOD_CARD],
    "empty list": [],
    "true": True,
    "null": None,
    "float": 12.5,
    "huge integer": 10**40,
    "huge negative integer": -(10**40),
    # Numbers where text belongs: as digits these would pass.
    "card number as a number": int(GOOD_CARD),
    "CVC as a number": 123,
}
FIELDS = ["order_id", "card_number", "exp_month", "exp_year", "cvc"]


def nothing_written() -> bool:
    return not (
        Payment.objects.exists()
        or PaymentTransaction.objects.exists()
        or CallbackOutbox.objects.exists()
    )


def post_json(client, body: dict, **kwargs):
    # json.dumps escapes a lone surrogate as \ud800, which the server decodes
    # back into one; DRF's test renderer would fail to encode it.
    return client.generic("POST", PAY, json.dumps(body), content_type="application/json", **kwargs)


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("value", list(HOSTILE.values()), ids=list(HOSTILE))
def test_a_hostile_value_in_any_field_is_400_keyed_by_that_field_and_writes_nothing(
    customer, http, pay_body, caplog, field, value
):
    with caplog.at_level(logging.DEBUG):
        response = post_json(customer, pay_body(uuid.uuid4(), **{field: value}))

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert len(http.calls) == 0
    assert nothing_written()
    assert GOOD_CARD not in caplog.text
    assert GOOD_CARD not in response.content.decode()


@pytest.mark.parametrize(
    "raw",
    [
        b'{"exp_month": ' + b"9" * 5000 + b"}",
        b'{"exp_year": Infinity}',
        b'{"exp_month": NaN}',
        b'{"card_number": "\\ud800\\udc00\\ud800"}',
        b'{"order_id": "\x00"}',
        b"\x00",
        b'{"a": 1, "a": {"a": {"a": [1, {"b": null}]}}}',
    ],
    ids=[
        "5000-digit number",
        "Infinity",
        "NaN",
        "surrogate pairs",
        "raw NUL in a string",
        "NUL body",
        "unknown nested keys",
    ],
)
def test_a_hostile_json_body_is_400_and_writes_nothing(customer, http, raw):
    response = customer.generic("POST", PAY, raw, content_type="application/json")

    assert response.status_code == 400, response.content
    assert isinstance(response.json(), dict)
    assert len(http.calls) == 0
    assert nothing_written()


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize(
    "encoded", ["%00", "%ED%A0%80", "%FF%FE", "9" * 10_000], ids=["NUL", "surrogate", "bad", "long"]
)
def test_a_hostile_form_field_is_400_keyed_by_that_field(customer, http, pay_body, field, encoded):
    fields = {key: str(value) for key, value in pay_body(uuid.uuid4()).items()}
    fields.pop(field)
    raw = "&".join([f"{key}={value}" for key, value in fields.items()] + [f"{field}={encoded}"])

    response = customer.generic(
        "POST", PAY, raw.encode(), content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert nothing_written()


def multipart(fields: dict[str, bytes]) -> bytes:
    """A multipart/form-data body built by hand, so a value can hold bytes
    that are not UTF-8 (Django's test client encodes text only)."""
    parts = [
        b"--" + BOUNDARY + b"\r\n"
        b'Content-Disposition: form-data; name="' + name.encode() + b'"\r\n\r\n' + value + b"\r\n"
        for name, value in fields.items()
    ]
    return b"".join(parts) + b"--" + BOUNDARY + b"--\r\n"


BOUNDARY = b"sweep-boundary"


def test_a_well_formed_multipart_body_pays(customer, order_stub, pay_body):
    order_id = uuid.uuid4()
    order_stub(order_id)
    fields = {key: str(item).encode() for key, item in pay_body(order_id).items()}

    response = customer.generic(
        "POST",
        PAY,
        multipart(fields),
        content_type=f"multipart/form-data; boundary={BOUNDARY.decode()}",
    )

    assert response.status_code == 201, response.content


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize(
    "value",
    [b"\x00", b"\xed\xa0\x80", b"\xff\xfe", b"9" * 10_000],
    ids=["NUL", "surrogate", "bad", "long"],
)
def test_a_hostile_multipart_field_is_400_keyed_by_that_field(
    customer, http, pay_body, field, value
):
    fields = {key: str(item).encode() for key, item in pay_body(uuid.uuid4()).items()}
    fields[field] = value

    response = customer.generic(
        "POST",
        PAY,
        multipart(fields),
        content_type=f"multipart/form-data; boundary={BOUNDARY.decode()}",
    )

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert len(http.calls) == 0
    assert nothing_written()


@pytest.mark.parametrize(
    "key",
    ["\x00", "key\x00", "x" * 10_000, "\u043a\u043b\u044e\u0447", "a b", "\t", "\ud800"],
    ids=["NUL", "trailing NUL", "10,000 characters", "Cyrillic", "space", "tab", "surrogate"],
)
def test_a_hostile_idempotency_key_is_400_keyed_by_the_header_and_writes_nothing(
    customer, http, pay_body, key
):
    response = post_json(customer, pay_body(uuid.uuid4()), headers={"Idempotency-Key": key})

    assert response.status_code == 400, response.content
    assert list(response.json()) == ["Idempotency-Key"]
    assert len(http.calls) == 0
    assert nothing_written()


@pytest.mark.parametrize(
    "value",
    ["%00", "%ED%A0%80", "not-a-uuid", "a" * 10_000, "1" * 5000],
    ids=["NUL", "surrogate", "word", "10,000 characters", "5000 digits"],
)
def test_a_hostile_order_id_filter_on_the_list_is_400_keyed_by_it(customer, value):
    response = customer.get(f"/payments?order_id={value}")

    assert response.status_code == 400, response.content
    assert list(response.json()) == ["order_id"]


@pytest.mark.parametrize("parameter", ["page", "page_size"])
@pytest.mark.parametrize(
    "value",
    ["%00", "%ED%A0%80", "-1", "0", "1" * 5000, "99999999999999999999"],
    ids=["NUL", "surrogate", "negative", "zero", "5000 digits", "huge"],
)
def test_hostile_paging_on_the_list_never_fails(customer, customer_id, parameter, value):
    payment_succeeded_create(user_id=customer_id)

    response = customer.get(f"/payments?{parameter}={value}")

    assert response.status_code in (200, 404), response.content
    assert isinstance(response.json(), dict)


@pytest.mark.parametrize(
    "path",
    [
        "/payment/%00",
        "/payment/%ED%A0%80",
        "/payment/" + "a" * 10_000,
        "/payment/%00/refund",
        "/payment/not-a-uuid/refund",
    ],
    ids=["NUL", "surrogate", "long", "refund NUL", "refund word"],
)
def test_a_malformed_payment_id_in_the_path_is_404(admin, path):
    read = admin.get(path)
    refund = admin.post(path)

    assert read.status_code == 404
    assert refund.status_code == 404
    assert read.json() == {"detail": "Not found."}


@pytest.mark.parametrize(
    "raw",
    [b"\x00", b'{"amount": "\\ud800"}', b"[" * 10_000, b'{"payment_id": {"$ne": null}}'],
    ids=["NUL", "surrogate", "deep", "object"],
)
def test_a_refund_ignores_whatever_body_it_is_sent(admin, raw):
    payment = payment_succeeded_create()

    response = admin.generic(
        "POST", f"/payment/{payment.id}/refund", raw, content_type="application/json"
    )

    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "refund"
