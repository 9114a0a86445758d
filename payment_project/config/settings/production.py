"""Production: secrets must be real, HTTPS-only cookies, explicit hosts."""

from shop_common import settings as shared

from .base import *  # noqa: F403
from .base import (
    JWT_ALGORITHM,
    JWT_SIGNING_KEY,
    SECRET_KEY,
    SERVICE_SIGNING_KEY,
    WEBHOOK_SECRET,
)

globals().update(shared.production_hardening())
shared.require_real_secret("DJANGO_SECRET_KEY", SECRET_KEY)
if JWT_ALGORITHM == "HS256":
    shared.require_real_secret("JWT_SIGNING_KEY", JWT_SIGNING_KEY)
shared.require_real_secret("SERVICE_SIGNING_KEY", SERVICE_SIGNING_KEY)
shared.require_real_secret("WEBHOOK_SECRET", WEBHOOK_SECRET)
