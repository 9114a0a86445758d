from django.apps import AppConfig


class ShopCommonConfig(AppConfig):
    """Installed for its management commands (wait_for_db), its templates,
    to register the OpenAPI descriptions of the shared authentication classes
    and to record every admin sign-in for shop_common.admin_access."""

    name = "shop_common"
    label = "shop_common"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from shop_common import schema  # noqa: F401
        from shop_common.admin_access import staff_session_start

        user_logged_in.connect(staff_session_start, dispatch_uid="shop_common.staff_session_start")
