"""Serializers shared by several views: an address as every endpoint returns
it, and the `address_id` that `POST /order/create` accepts."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from addresses.models import Address


class AddressOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Address
        fields = [
            "id",
            "name",
            "line1",
            "line2",
            "city",
            "postal_code",
            "country",
            "phone",
            "is_default",
            "created_at",
            "updated_at",
        ]


@extend_schema_field(OpenApiTypes.UUID)
class AddressIdField(serializers.Field):
    """The id of one of the user's saved addresses, in a request body.

    Only a string is read (anything else is 400, keyed by the field). A string
    that is not a UUID names no address: the lookup answers 404 as it does for
    an unknown id, since a malformed id is 404 (DESIGN.md §3)."""

    default_error_messages = {"invalid": "Send the id of a saved address as a string."}

    def to_internal_value(self, data) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return data

    def to_representation(self, value) -> str:
        return str(value)
