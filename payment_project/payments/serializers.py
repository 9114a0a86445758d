"""The payment as every endpoint shows it (pay, detail, list)."""

from rest_framework import serializers

from payments.models import Payment, PaymentTransaction


class StrictUUIDField(serializers.UUIDField):
    """A UUID in its text form only (DRF's own field also takes integers)."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid", value=data)
        return super().to_internal_value(data)


class PaymentTransactionSerializer(serializers.ModelSerializer):
    class Meta:
        model = PaymentTransaction
        fields = ["kind", "amount", "status", "created_at"]


class PaymentSerializer(serializers.ModelSerializer):
    transactions = PaymentTransactionSerializer(many=True, read_only=True)

    class Meta:
        model = Payment
        fields = [
            "id",
            "order_id",
            "amount",
            "currency",
            "status",
            "provider",
            "card_last4",
            "transactions",
            "created_at",
        ]
