"""Production: secrets must be real, HTTPS-only cookies, explicit hosts."""

from shop_common import settings as shared

from .base import *  # noqa: F403

globals().update(shared.production_hardening())
shared.production_secrets_require(globals())
