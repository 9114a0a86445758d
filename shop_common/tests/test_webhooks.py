from shop_common.webhooks import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    webhook_headers,
    webhook_signature_valid,
)

BODY = b'{"payment_id":"p1","status":"succeeded","amount":"19.90"}'


def test_a_signed_body_verifies():
    headers = webhook_headers(body=BODY, now=1_000_000)

    assert webhook_signature_valid(
        body=BODY,
        timestamp=headers[TIMESTAMP_HEADER],
        signature=headers[SIGNATURE_HEADER],
        now=1_000_010,
    )


def test_an_altered_body_fails():
    headers = webhook_headers(body=BODY, now=1_000_000)

    assert not webhook_signature_valid(
        body=BODY.replace(b"19.90", b"0.01"),
        timestamp=headers[TIMESTAMP_HEADER],
        signature=headers[SIGNATURE_HEADER],
        now=1_000_000,
    )


def test_a_stale_timestamp_fails():
    headers = webhook_headers(body=BODY, now=1_000_000)

    assert not webhook_signature_valid(
        body=BODY,
        timestamp=headers[TIMESTAMP_HEADER],
        signature=headers[SIGNATURE_HEADER],
        now=1_000_000 + 301,
    )


def test_a_missing_or_forged_signature_fails():
    assert not webhook_signature_valid(
        body=BODY, timestamp="1000000", signature=None, now=1_000_000
    )
    assert not webhook_signature_valid(
        body=BODY, timestamp="1000000", signature="sha256=" + "0" * 64, now=1_000_000
    )
