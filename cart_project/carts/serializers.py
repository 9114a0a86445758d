"""Fields and output shapes shared by the cart's APIs."""

import re

from django.http import QueryDict
from rest_framework import serializers

# ASCII digits only, matched in full (`$` would also admit a trailing "\n").
_FORM_INTEGER = re.compile(r"[0-9]{1,9}")


def _from_form(field: serializers.Field) -> bool:
    # Form and multipart bodies carry only strings; JSON carries types.
    return isinstance(getattr(field.root, "initial_data", None), QueryDict)


class StrictIntegerField(serializers.IntegerField):
    """An integer that is an integer: JSON `true`, `1.5`, `"2"` are refused
    (DRF's IntegerField would take them). A form body may send digits."""

    def to_internal_value(self, data):
        is_integer = isinstance(data, int) and not isinstance(data, bool)
        is_form_digits = (
            isinstance(data, str) and _from_form(self) and _FORM_INTEGER.fullmatch(data)
        )
        if not (is_integer or is_form_digits):
            self.fail("invalid")
        return super().to_internal_value(data)


class CartLineOutputSerializer(serializers.Serializer):
    product_id = serializers.UUIDField()
    sku = serializers.CharField()
    name = serializers.CharField()
    unit_price = serializers.DecimalField(max_digits=12, decimal_places=2)
    quantity = serializers.IntegerField()
    # No max_digits: 99 of the dearest product may pass NUMERIC(12,2).
    line_total = serializers.DecimalField(max_digits=None, decimal_places=2)


class CartOutputSerializer(serializers.Serializer):
    items = CartLineOutputSerializer(many=True, source="lines")
    total_quantity = serializers.IntegerField()
    total = serializers.DecimalField(max_digits=None, decimal_places=2)
    currency = serializers.CharField()


class ErrorOutputSerializer(serializers.Serializer):
    detail = serializers.CharField()
