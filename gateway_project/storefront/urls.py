from django.urls import path

from storefront import views

app_name = "storefront"

urlpatterns = [
    path("", views.home, name="home"),
    path("products/<uuid:product_id>", views.product, name="product"),
    path("cart", views.cart, name="cart"),
    path("checkout", views.checkout, name="checkout"),
    path("orders", views.orders, name="orders"),
    path("orders/<uuid:order_id>", views.order, name="order"),
]
