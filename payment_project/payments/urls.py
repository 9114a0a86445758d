from django.urls import path

from payments.apis import (
    PaymentDetailApi,
    PaymentListApi,
    PaymentPayApi,
    PaymentRefundApi,
    PaymentSummaryApi,
)

urlpatterns = [
    path("payment/pay", PaymentPayApi.as_view(), name="payment-pay"),
    # A literal path, listed before the id one (which would not match it anyway).
    path("payment/summary", PaymentSummaryApi.as_view(), name="payment-summary"),
    path("payment/<uuid:payment_id>", PaymentDetailApi.as_view(), name="payment-detail"),
    path("payment/<uuid:payment_id>/refund", PaymentRefundApi.as_view(), name="payment-refund"),
    path("payments", PaymentListApi.as_view(), name="payment-list"),
]
