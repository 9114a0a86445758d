from django.urls import include, path, re_path

from api_proxy.views import admin_area, static
from shop_common.urls import urlpatterns as shared_urlpatterns

urlpatterns = [
    *shared_urlpatterns,
    path("admin/", include("console.urls")),
    path("api/", include("api_proxy.urls")),
    re_path(
        r"^admin/(?P<area>catalog|orders|payments|users)/(?P<path>.*)$",
        admin_area,
        name="admin-area",
    ),
    re_path(r"^static/(?P<service>[a-z]+)/(?P<path>.+)$", static, name="service-static"),
    path("", include("accounts.urls")),
    path("", include("storefront.urls")),
]

handler400 = "storefront.errors.bad_request"
handler403 = "storefront.errors.permission_denied"
handler404 = "storefront.errors.not_found"
handler500 = "storefront.errors.server_error"
