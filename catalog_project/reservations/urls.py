from django.urls import path

from reservations.apis import ReservationCreateApi, ReservationReleaseApi

urlpatterns = [
    path("internal/reservations", ReservationCreateApi.as_view(), name="reservation-create"),
    path(
        "internal/reservations/<uuid:order_id>/release",
        ReservationReleaseApi.as_view(),
        name="reservation-release",
    ),
]
