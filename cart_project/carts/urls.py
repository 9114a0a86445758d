from django.urls import path

from carts.apis import CartApi, CartItemAddApi, CartItemRemoveApi

urlpatterns = [
    path("cart", CartApi.as_view(), name="cart"),
    path("cart/add", CartItemAddApi.as_view(), name="cart-item-add"),
    path("cart/remove", CartItemRemoveApi.as_view(), name="cart-item-remove"),
]
