from django.urls import path

from orders import apis

urlpatterns = [
    path("order/create", apis.OrderCreateApi.as_view(), name="order-create"),
    path("order/<uuid:order_id>", apis.OrderDetailApi.as_view(), name="order-detail"),
    path("order/<uuid:order_id>/cancel", apis.OrderCancelApi.as_view(), name="order-cancel"),
    path("order/<uuid:order_id>/status", apis.OrderStatusApi.as_view(), name="order-status"),
    path("orders", apis.OrderListApi.as_view(), name="order-list"),
    path("orders/summary", apis.OrderSummaryApi.as_view(), name="order-summary"),
    path(
        "internal/orders/<uuid:order_id>/payment",
        apis.OrderPaymentCallbackApi.as_view(),
        name="order-payment-callback",
    ),
]
