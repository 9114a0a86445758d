"""The payment as every endpoint shows it (pay, detail, list)."""

from rest_framework import serializers

from payments.models import Payment, PaymentTransaction


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
