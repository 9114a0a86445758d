import hashlib
import hmac

import pytest
from django.conf import settings

from shop_common.webhooks import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    WebhookSignature,
    webhook_headers,
    webhook_message,
    webhook_signature_valid,
    webhook_signature_verify,
)

BODY = b'{"payment_id":"p1","status":"succeeded","amount":"19.90"}'
PATH = "/internal/orders/5a1f3c9e-7b2d-4e8a-9c0f-1d2e3f4a5b6c/payment"
OTHER_PATH = "/internal/orders/0b9c8d7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e/payment"
NOW = 1_000_000


def _signed(*, method="POST", path=PATH, body=BODY, now=NOW) -> dict[str, str]:
    return webhook_headers(method=method, path=path, body=body, now=now)


def _verify(headers: dict, *, method="POST", path=PATH, body=BODY, now=NOW):
    return webhook_signature_verify(
        method=method,
        path=path,
        body=body,
        timestamp=headers.get(TIMESTAMP_HEADER),
        signature=headers.get(SIGNATURE_HEADER),
        now=now,
    )


def test_a_signed_request_verifies_and_gives_its_timestamp_and_digest():
    headers = _signed()

    verified = _verify(headers, now=NOW + 10)

    assert verified == WebhookSignature(
        timestamp=NOW, digest=headers[SIGNATURE_HEADER].removeprefix("sha256=")
    )
    assert webhook_signature_valid(
        method="POST",
        path=PATH,
        body=BODY,
        timestamp=headers[TIMESTAMP_HEADER],
        signature=headers[SIGNATURE_HEADER],
        now=NOW,
    )


def test_the_signature_is_the_hmac_of_timestamp_method_path_and_body_on_separate_lines():
    headers = _signed()

    message = f"{NOW}\nPOST\n{PATH}\n".encode() + BODY
    expected = hmac.new(settings.WEBHOOK_SECRET.encode(), message, hashlib.sha256).hexdigest()
    assert headers == {TIMESTAMP_HEADER: str(NOW), SIGNATURE_HEADER: f"sha256={expected}"}
    assert webhook_message(timestamp=str(NOW), method="POST", path=PATH, body=BODY) == message


def test_an_altered_body_fails():
    assert _verify(_signed(), body=BODY.replace(b"19.90", b"0.01")) is None


def test_a_signature_made_for_another_orders_path_fails():
    assert _verify(_signed(path=OTHER_PATH)) is None


def test_a_signature_made_for_another_method_fails():
    assert _verify(_signed(method="PUT")) is None


def test_moving_bytes_between_path_and_body_fails():
    # "/a" + body "b\n..." and "/a\nb" + body "..." would be one message if the
    # parts were joined by a character the path may hold; a line feed it may not.
    headers = _signed(path="/internal/x", body=b"y\n" + BODY)

    assert _verify(headers, path="/internal/x\ny", body=BODY) is None
    with pytest.raises(ValueError):
        _signed(path="/internal/x\ny", body=BODY)


@pytest.mark.parametrize("method", ["post", "", "PO ST", "POST\n"])
def test_a_method_that_is_not_an_upper_case_token_cannot_be_signed(method):
    with pytest.raises(ValueError):
        _signed(method=method)


@pytest.mark.parametrize("age", [301, -301, 10**9])
def test_a_timestamp_more_than_five_minutes_off_fails(age):
    assert _verify(_signed(), now=NOW + age) is None


@pytest.mark.parametrize("age", [300, -300])
def test_a_timestamp_at_the_edge_of_the_window_verifies(age):
    assert _verify(_signed(), now=NOW + age) is not None


def test_the_old_scheme_over_timestamp_and_body_only_fails():
    old = hmac.new(
        settings.WEBHOOK_SECRET.encode(), f"{NOW}.".encode() + BODY, hashlib.sha256
    ).hexdigest()

    assert _verify({TIMESTAMP_HEADER: str(NOW), SIGNATURE_HEADER: f"sha256={old}"}) is None


def test_a_secret_other_than_ours_fails(settings):
    settings.WEBHOOK_SECRET = "an-attackers-guess"
    forged = _signed()
    settings.WEBHOOK_SECRET = "insecure-test-webhook-secret-not-for-production"

    assert _verify(forged) is None


def _with(**changes) -> dict:
    return {**_signed(), **changes}


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="both-missing"),
        pytest.param({TIMESTAMP_HEADER: str(NOW)}, id="signature-missing"),
        pytest.param({SIGNATURE_HEADER: "sha256=" + "0" * 64}, id="timestamp-missing"),
        pytest.param(_with(**{TIMESTAMP_HEADER: ""}), id="timestamp-empty"),
        pytest.param(_with(**{SIGNATURE_HEADER: ""}), id="signature-empty"),
        pytest.param(_with(**{SIGNATURE_HEADER: "sha256="}), id="signature-scheme-only"),
        pytest.param(_with(**{TIMESTAMP_HEADER: "²"}), id="superscript-digit"),
        pytest.param(_with(**{TIMESTAMP_HEADER: "\u0661\u0660\u0660"}), id="arabic-indic-digits"),
        pytest.param(_with(**{TIMESTAMP_HEADER: "9" * 5000}), id="5000-digit-timestamp"),
        pytest.param(_with(**{TIMESTAMP_HEADER: "-1000000"}), id="negative-timestamp"),
        pytest.param(_with(**{TIMESTAMP_HEADER: "1e6"}), id="exponent-timestamp"),
        pytest.param(_with(**{TIMESTAMP_HEADER: f"{NOW}\n"}), id="timestamp-trailing-newline"),
        pytest.param(_with(**{TIMESTAMP_HEADER: f" {NOW}"}), id="timestamp-leading-space"),
        pytest.param(_with(**{SIGNATURE_HEADER: "sha256=" + "é" * 64}), id="non-ascii-signature"),
        pytest.param(_with(**{SIGNATURE_HEADER: "sha256=" + "\ud800" * 64}), id="surrogates"),
        pytest.param(
            _with(**{SIGNATURE_HEADER: _signed()[SIGNATURE_HEADER].removeprefix("sha256=")}),
            id="no-sha256-prefix",
        ),
        pytest.param(
            _with(**{SIGNATURE_HEADER: _signed()[SIGNATURE_HEADER].upper()}), id="upper-case"
        ),
        pytest.param(
            _with(**{SIGNATURE_HEADER: "sha1=" + "0" * 40}),
            id="another-scheme",
        ),
        pytest.param(
            _with(**{SIGNATURE_HEADER: _signed()[SIGNATURE_HEADER] + "\n"}),
            id="signature-trailing-newline",
        ),
        pytest.param(
            _with(**{SIGNATURE_HEADER: _signed()[SIGNATURE_HEADER] + "00"}), id="too-long"
        ),
        pytest.param(_with(**{SIGNATURE_HEADER: "sha256=" + "0" * 64}), id="forged"),
    ],
)
def test_a_missing_or_malformed_header_fails_without_raising(headers):
    assert _verify(headers) is None


@pytest.mark.parametrize("value", [None, 1_000_000, b"1000000", ["1000000"]])
def test_header_values_that_are_not_strings_fail_without_raising(value):
    signed = _signed()

    assert _verify({**signed, TIMESTAMP_HEADER: value}) is None
    assert _verify({**signed, SIGNATURE_HEADER: value}) is None


def test_a_path_with_a_line_feed_fails_without_raising():
    assert _verify(_signed(), path="/internal/x\n") is None
