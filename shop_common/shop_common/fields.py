"""Serializer fields stricter than DRF's own, for input every service reads alike."""

from rest_framework import serializers


class StrictUUIDField(serializers.UUIDField):
    """A UUID given in its text form only: DRF's UUIDField would also read an
    integer (or a 16-byte value) as one, so `{"product_id": 1}` would pass."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictCharField(serializers.CharField):
    """Text that is text, and that a PostgreSQL text column can store.

    DRF's CharField turns a JSON number into text (`{"name": 12345}` would
    pass as "12345"); this one refuses anything but a string ("Must be a
    string."), so a number, boolean, object or list is a 400 keyed by the
    field. Like DRF's CharField it refuses NUL ("\\u0000": PostgreSQL refuses
    it in text columns) and unpaired UTF-16 surrogates ("\\ud800" in JSON: not
    encodable as UTF-8), each a 400 keyed by the field, never a database error.

    Combine it with another CharField subclass by putting it first:
    `class StrictEmailField(StrictCharField, serializers.EmailField)`."""

    default_error_messages = {"invalid": "Must be a string."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)
