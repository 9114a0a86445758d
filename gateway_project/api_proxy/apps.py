from django.apps import AppConfig


class ApiProxyConfig(AppConfig):
    name = "api_proxy"
    verbose_name = "/api proxy"
