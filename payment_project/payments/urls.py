from django.urls import path

from payments.apis import PaymentDetailApi, PaymentListApi, PaymentPayApi, PaymentRefundApi

urlpatterns = [
    path("payment/pay", PaymentPayApi.as_view(), name="payment-pay"),
    path("payment/<uuid:payment_id>", PaymentDetailApi.as_view(), name="payment-detail"),
    path("payment/<uuid:payment_id>/refund", PaymentRefundApi.as_view(), name="payment-refund"),
    path("payments", PaymentListApi.as_view(), name="payment-list"),
]
