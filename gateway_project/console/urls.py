from django.urls import path

from console import views

app_name = "console"

# Only /admin/ itself: /admin/<area>/... is the areas' proxy (config/urls.py).
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
