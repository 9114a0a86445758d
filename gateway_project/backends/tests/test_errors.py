"""What a person reads when a service refuses."""

from backends.errors import BackendRefused, field_errors_split


def _refused(status: int, body, retry_after=None) -> BackendRefused:
    return BackendRefused(service="auth", status=status, body=body, retry_after=retry_after)


def test_a_detail_is_the_message():
    assert _refused(409, {"detail": "Not enough stock."}).messages == ["Not enough stock."]


def test_field_errors_are_named_after_their_field():
    refused = _refused(400, {"postal_code": ["This field is required."]})

    assert refused.messages == ["Postal code: This field is required."]
    assert refused.field_errors == {"postal_code": ["This field is required."]}


def test_nested_field_errors_keep_their_path():
    refused = _refused(400, {"shipping_address": {"city": ["Too long."]}})

    assert refused.messages == ["Shipping address.city: Too long."]


def test_non_field_errors_read_as_plain_sentences():
    assert _refused(400, {"non_field_errors": ["Cart is empty."]}).messages == ["Cart is empty."]


def test_a_rate_limit_says_how_long_to_wait():
    refused = _refused(429, {"detail": "Too many failed logins."}, retry_after="60")

    assert refused.message == "Too many failed logins. Please try again in 60 seconds."


def test_an_empty_or_unreadable_body_gets_a_default_message():
    assert _refused(403, "<html>").messages == ["You are not allowed to do that."]
    assert _refused(418, {}).messages == ["The request was refused."]


def test_field_errors_split_reads_an_orders_nested_address_errors():
    fields, others = field_errors_split(
        {"shipping_address": {"postal_code": ["Bad."]}, "detail": "Also."},
        fields=["postal_code"],
        nested_in="shipping_address",
    )

    assert fields == {"postal_code": ["Bad."]}
    assert others == ["Also."]


def test_field_errors_split_names_fields_the_form_does_not_have():
    fields, others = field_errors_split({"Idempotency-Key": ["Too long."]}, fields=["card_number"])

    assert fields == {}
    assert others == ["Idempotency-key: Too long."]
