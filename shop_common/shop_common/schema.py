"""OpenAPI descriptions of the shared authentication classes.

drf-spectacular knows SimpleJWT's own classes but not subclasses or our
service credential; without these the schema warns and omits the schemes.
Imported by ShopCommonConfig.ready() so every service registers them.
"""

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class StatelessJWTScheme(SimpleJWTScheme):
    target_class = "shop_common.authentication.StatelessJWTAuthentication"


class ServiceTokenScheme(OpenApiAuthenticationExtension):
    target_class = "shop_common.service_tokens.ServiceTokenAuthentication"
    name = "serviceToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Service <jwt>`: a service credential (internal endpoints only).",
        }
