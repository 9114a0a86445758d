from django.urls import path

from users import apis

app_name = "users"

urlpatterns = [
    path("auth/register", apis.RegisterApi.as_view(), name="register"),
    path("auth/login", apis.LoginApi.as_view(), name="login"),
    path("auth/refresh", apis.RefreshApi.as_view(), name="refresh"),
    path("auth/logout", apis.LogoutApi.as_view(), name="logout"),
    path("auth/me", apis.MeApi.as_view(), name="me"),
    path("auth/change-password", apis.ChangePasswordApi.as_view(), name="change-password"),
    path("internal/users/<uuid:user_id>", apis.InternalUserApi.as_view(), name="internal-user"),
]
