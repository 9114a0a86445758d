"""The shared serializer fields (shop_common.fields)."""

import json

import pytest
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from shop_common.fields import StrictCharField
from shop_common.parsers import JSONParser


class TextInput(serializers.Serializer):
    name = StrictCharField(max_length=200)


class StrictEmailField(StrictCharField, serializers.EmailField):
    pass


def _errors(body: str) -> dict:
    """The field errors of `body` (raw JSON text) read as a service reads it."""
    request = APIRequestFactory().post("/", body, content_type="application/json")
    data = JSONParser().parse(request, "application/json")
    serializer = TextInput(data=data)
    assert not serializer.is_valid()
    return serializer.errors


@pytest.mark.parametrize(
    "value",
    [12345, 1.5, True, False, {"a": "b"}, ["a"], [], {}],
    ids=["int", "float", "true", "false", "object", "list", "empty-list", "empty-object"],
)
def test_a_strict_char_field_refuses_anything_but_a_string(value):
    assert _errors(json.dumps({"name": value})) == {"name": ["Must be a string."]}


def test_a_plain_char_field_would_take_a_number_as_text():
    # Why the strict field exists.
    serializer = serializers.CharField()

    assert serializer.run_validation(12345) == "12345"


@pytest.mark.parametrize("raw", ['"a\\u0000b"', '"\\u0000"'], ids=["inner-nul", "only-nul"])
def test_a_strict_char_field_refuses_nul_keyed_by_the_field(raw):
    errors = _errors('{"name": ' + raw + "}")

    assert list(errors) == ["name"]


@pytest.mark.parametrize(
    "raw",
    ['"a\\ud800b"', '"\\udc00"', '"\\ud83d"', '"x\\ude00\\ud83d"'],
    ids=["high", "low", "high-at-end", "reversed-pair"],
)
def test_a_strict_char_field_refuses_unpaired_surrogates_keyed_by_the_field(raw):
    errors = _errors('{"name": ' + raw + "}")

    assert list(errors) == ["name"]


def test_a_strict_char_field_keeps_a_paired_surrogate_as_the_character_it_encodes():
    request = APIRequestFactory().post(
        "/", '{"name": "\\ud83d\\ude00"}', content_type="application/json"
    )
    serializer = TextInput(data=JSONParser().parse(request, "application/json"))

    assert serializer.is_valid(), serializer.errors
    assert serializer.validated_data["name"] == "\U0001f600"


def test_a_strict_char_field_refuses_ten_thousand_characters_over_its_max_length():
    assert list(_errors(json.dumps({"name": "x" * 10_000}))) == ["name"]


def test_a_strict_char_field_takes_a_string():
    serializer = TextInput(data={"name": "  Mug  "})

    assert serializer.is_valid()
    assert serializer.validated_data == {"name": "Mug"}


def test_a_strict_char_field_combines_with_another_char_field():
    class Input(serializers.Serializer):
        email = StrictEmailField()

    number = Input(data={"email": 12345})
    malformed = Input(data={"email": "not-an-email"})
    good = Input(data={"email": "ann@example.com"})

    assert not number.is_valid()
    assert number.errors == {"email": ["Must be a string."]}
    assert not malformed.is_valid()
    assert good.is_valid()
