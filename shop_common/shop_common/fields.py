"""Serializer fields stricter than DRF's own, for input every service reads alike."""

from rest_framework import serializers


class StrictUUIDField(serializers.UUIDField):
    """A UUID given in its text form only: DRF's UUIDField would also read an
    integer (or a 16-byte value) as one, so `{"product_id": 1}` would pass."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid", value=data)
        return super().to_internal_value(data)
