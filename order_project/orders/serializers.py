"""Serializers shared by several views: the shipping address and the order."""

import re

from rest_framework import serializers

from orders.models import Order, OrderEvent, OrderLine
from shop_common.fields import StrictCharField

_COUNTRY = re.compile(r"^[A-Z]{2}$")
_POSTAL_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 -]{0,18}[A-Za-z0-9]$|^[A-Za-z0-9]$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{4,22}[0-9]$")


class ShippingAddressSerializer(serializers.Serializer):
    """An address to ship to. Every field is text only: a number, boolean,
    object or list, NUL or an unpaired surrogate is a 400 keyed by the field
    (shop_common.fields.StrictCharField)."""

    name = StrictCharField(max_length=200)
    line1 = StrictCharField(max_length=200)
    line2 = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    city = StrictCharField(max_length=100)
    postal_code = StrictCharField(max_length=20)
    country = StrictCharField(max_length=2, help_text="ISO 3166-1 alpha-2 code, e.g. KZ.")
    phone = StrictCharField(max_length=24, required=False, allow_blank=True, default="")

    def validate_postal_code(self, value: str) -> str:
        if not _POSTAL_CODE.match(value):
            raise serializers.ValidationError("Enter a valid postal code.")
        return value.upper()

    def validate_country(self, value: str) -> str:
        value = value.upper()
        if not _COUNTRY.match(value):
            raise serializers.ValidationError("Enter a two-letter ISO 3166-1 country code.")
        return value

    def validate_phone(self, value: str) -> str:
        if value and not _PHONE.match(value):
            raise serializers.ValidationError("Enter a valid phone number.")
        return value


class OrderLineOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrderLine
        fields = ["product_id", "sku", "name", "unit_price", "quantity", "line_total"]


class OrderEventOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrderEvent
        fields = ["from_status", "to_status", "at", "actor", "note"]


class OrderOutputSerializer(serializers.ModelSerializer):
    """An order as every endpoint returns it; needs `lines` and `events` prefetched."""

    items = OrderLineOutputSerializer(source="lines", many=True)
    events = OrderEventOutputSerializer(many=True)
    shipping_address = ShippingAddressSerializer()

    class Meta:
        model = Order
        fields = [
            "id",
            "status",
            "user_id",
            "email",
            "items",
            "total",
            "currency",
            "shipping_address",
            "payment_id",
            "events",
            "created_at",
            "updated_at",
        ]
