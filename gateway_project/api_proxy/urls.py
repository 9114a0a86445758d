from django.urls import re_path

from api_proxy import views

app_name = "api_proxy"

urlpatterns = [
    re_path(r"^(?P<path>.*)$", views.proxy, name="proxy"),
]
