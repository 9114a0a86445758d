from django.urls import path

from addresses import apis

urlpatterns = [
    path("addresses", apis.AddressesApi.as_view(), name="address-list"),
    path("addresses/<uuid:address_id>", apis.AddressApi.as_view(), name="address-detail"),
]
