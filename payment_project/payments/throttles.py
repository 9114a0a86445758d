"""Card testing: a user whose cards were declined too often in the last hour
may not try another for a while (DESIGN.md §5, docs/payments.md)."""

import math
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from rest_framework.throttling import BaseThrottle

from payments import selectors

DECLINE_WINDOW = timedelta(hours=1)


class DeclinedPaymentsThrottle(BaseThrottle):
    """Refuses a user's payment once `PAYMENT_DECLINES_PER_HOUR` of their
    payments were declined within the last hour, until the oldest of those
    that keep them at the limit is an hour old.

    Counted from the payments table (the service has no shared cache), so
    every worker and replica agrees and the count is exact. It runs before
    the view reads the body: a refused request writes nothing and reaches
    neither the order service nor the processor."""

    def __init__(self):
        self._wait: int | None = None

    def allow_request(self, request, view) -> bool:
        """Returns False when the user has used up their declines."""
        now = timezone.now()
        until = selectors.payment_declines_throttled_until(
            user_id=request.user.id,
            now=now,
            limit=settings.PAYMENT_DECLINES_PER_HOUR,
            window=DECLINE_WINDOW,
        )
        if until is None:
            return True
        self._wait = max(math.ceil((until - now).total_seconds()), 1)
        return False

    def wait(self) -> int | None:
        """Returns the seconds until the user may pay again (Retry-After)."""
        return self._wait
