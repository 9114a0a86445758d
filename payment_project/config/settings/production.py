"""Production: secrets must be real, HTTPS-only cookies, explicit hosts, and
a real card processor unless the emulator is allowed on purpose."""

from django.core.exceptions import ImproperlyConfigured

from shop_common import settings as shared

from .base import *  # noqa: F403
from .base import PAYMENT_EMULATOR_PROCESSOR, PAYMENT_PROCESSOR, env

globals().update(shared.production_hardening())
shared.production_secrets_require(globals())

# The emulator charges no card and accepts any Luhn-valid number: a shop that
# ran it by mistake would hand out goods for nothing. A demo or staging
# deployment says PAYMENT_EMULATOR_ALLOWED=true to run it all the same.
PAYMENT_EMULATOR_ALLOWED = env.bool("PAYMENT_EMULATOR_ALLOWED", default=False)
if PAYMENT_PROCESSOR == PAYMENT_EMULATOR_PROCESSOR and not PAYMENT_EMULATOR_ALLOWED:
    raise ImproperlyConfigured(
        "PAYMENT_PROCESSOR is the emulator, which charges no card. Configure a real "
        "processor, or set PAYMENT_EMULATOR_ALLOWED=true to run the emulator on purpose."
    )
