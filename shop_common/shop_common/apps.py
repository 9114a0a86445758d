from django.apps import AppConfig


class ShopCommonConfig(AppConfig):
    """Installed only for its management commands (wait_for_db)."""

    name = "shop_common"
    label = "shop_common"
