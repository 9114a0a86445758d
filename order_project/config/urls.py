from django.contrib import admin
from django.urls import include, path

from shop_common.urls import urlpatterns as shared_urlpatterns

urlpatterns = [
    *shared_urlpatterns,
    path("", include("orders.urls")),
    path("", include("addresses.urls")),
    path("admin/orders/", admin.site.urls),
]

handler400 = "shop_common.errors.bad_request"
handler403 = "shop_common.errors.permission_denied"
handler404 = "shop_common.errors.not_found"
handler500 = "shop_common.errors.server_error"
