import pytest
from rest_framework import serializers

from orders.fields import StrictChoiceField


class _Input(serializers.Serializer):
    colour = StrictChoiceField(choices=["red", "green"])


def _errors(value) -> dict:
    serializer = _Input(data={"colour": value})
    assert not serializer.is_valid()
    return serializer.errors


def test_a_choice_given_as_a_string_is_read():
    serializer = _Input(data={"colour": "red"})

    assert serializer.is_valid()
    assert serializer.validated_data == {"colour": "red"}


@pytest.mark.parametrize("value", [1, 1.5, True, None, ["red"], {"colour": "red"}])
def test_anything_but_a_string_is_refused(value):
    errors = _errors(value)

    assert list(errors) == ["colour"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("\ud800", "Unpaired surrogate characters are not allowed."),
        ("red\udfff", "Unpaired surrogate characters are not allowed."),
        ("red\x00", "Null characters are not allowed."),
        (5, "Must be a string."),
    ],
)
def test_text_that_cannot_be_stored_or_echoed_is_refused_without_echoing_it(value, message):
    assert _errors(value) == {"colour": [message]}


def test_an_unknown_choice_is_refused_as_drf_does():
    assert _errors("blue") == {"colour": ['"blue" is not a valid choice.']}
