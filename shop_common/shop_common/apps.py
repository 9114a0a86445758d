from django.apps import AppConfig


class ShopCommonConfig(AppConfig):
    """Installed for its management commands (wait_for_db) and to register
    the OpenAPI descriptions of the shared authentication classes."""

    name = "shop_common"
    label = "shop_common"

    def ready(self):
        from shop_common import schema  # noqa: F401
