"""Signed webhooks between services (payment -> order callbacks).

The sender signs `"<timestamp>.<raw body>"` with HMAC-SHA256 and the shared
`WEBHOOK_SECRET`, as payment providers sign their webhooks, and sends
`X-Shop-Timestamp` and `X-Shop-Signature: sha256=<hex>`. The receiver refuses
a missing, altered or stale signature.
"""

import hashlib
import hmac
import time

from django.conf import settings

TIMESTAMP_HEADER = "X-Shop-Timestamp"
SIGNATURE_HEADER = "X-Shop-Signature"
DEFAULT_TOLERANCE_SECONDS = 300


def _digest(*, secret: str, timestamp: str, body: bytes) -> str:
    message = timestamp.encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def webhook_headers(*, body: bytes, now: int | None = None) -> dict[str, str]:
    """Returns the headers that sign `body` for sending now."""
    timestamp = str(int(now if now is not None else time.time()))
    signature = _digest(secret=settings.WEBHOOK_SECRET, timestamp=timestamp, body=body)
    return {TIMESTAMP_HEADER: timestamp, SIGNATURE_HEADER: f"sha256={signature}"}


def webhook_signature_valid(
    *,
    body: bytes,
    timestamp: str | None,
    signature: str | None,
    tolerance_seconds: int = DEFAULT_TOLERANCE_SECONDS,
    now: int | None = None,
) -> bool:
    """Returns True only for a fresh timestamp and a matching signature."""
    if not timestamp or not signature or not timestamp.isdigit():
        return False
    current = int(now if now is not None else time.time())
    if abs(current - int(timestamp)) > tolerance_seconds:
        return False
    expected = "sha256=" + _digest(secret=settings.WEBHOOK_SECRET, timestamp=timestamp, body=body)
    return hmac.compare_digest(expected, signature)
