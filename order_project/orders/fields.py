"""Serializer fields of the order service that shop_common.fields does not
have (yet): see docs/orders.md "Input"."""

from rest_framework import serializers


class StrictChoiceField(serializers.ChoiceField):
    """One of the choices, given as a JSON string.

    DRF's ChoiceField echoes a wrong value in its message ('"x" is not a valid
    choice.'), and a value holding an unpaired surrogate ("\\ud800" in JSON)
    then cannot be encoded into the response: a 500. This one refuses
    anything but a string ("Must be a string."), and NUL and unpaired
    surrogates with messages that do not echo them, before the choice is
    looked up; each a 400 keyed by the field."""

    default_error_messages = {
        "invalid": "Must be a string.",
        "null_characters": "Null characters are not allowed.",
        "surrogate_characters": "Unpaired surrogate characters are not allowed.",
    }

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        if "\x00" in data:
            self.fail("null_characters")
        if any("\ud800" <= char <= "\udfff" for char in data):
            self.fail("surrogate_characters")
        return super().to_internal_value(data)
