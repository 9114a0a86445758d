from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("register", views.register, name="register"),
    path("login", views.login, name="login"),
    path("logout", views.logout, name="logout"),
    path("account", views.account, name="account"),
    path("account/password", views.password_change, name="password_change"),
    path("account/addresses", views.address_add, name="address_add"),
    path("account/addresses/<uuid:address_id>", views.address_edit, name="address_edit"),
    path(
        "account/addresses/<uuid:address_id>/delete",
        views.address_delete,
        name="address_delete",
    ),
    path(
        "account/addresses/<uuid:address_id>/default",
        views.address_default,
        name="address_default",
    ),
]
