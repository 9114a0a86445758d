from django.urls import path

from storefront import views

app_name = "storefront"

urlpatterns = [
    path("", views.home, name="home"),
    path("products/<uuid:product_id>", views.product, name="product"),
    path("products/<uuid:product_id>/add", views.cart_add, name="cart_add"),
    path("cart", views.cart, name="cart"),
    path("cart/update", views.cart_update, name="cart_update"),
    path("cart/remove", views.cart_remove, name="cart_remove"),
    path("checkout", views.checkout, name="checkout"),
    path("orders", views.orders, name="orders"),
    path("orders/<uuid:order_id>", views.order, name="order"),
    path("orders/<uuid:order_id>/pay", views.order_pay, name="order_pay"),
    path("orders/<uuid:order_id>/cancel", views.order_cancel, name="order_cancel"),
]
