"""Signed webhooks between services (payment -> order callbacks).

The sender signs one canonical message with HMAC-SHA256 and the shared
`WEBHOOK_SECRET`, and sends `X-Shop-Timestamp: <unix seconds>` and
`X-Shop-Signature: sha256=<64 lower-case hex digits>`. The message binds the
signature to the request it was made for:

    <timestamp> LF <METHOD> LF <path> LF <raw body bytes>

- `timestamp`: the decimal Unix time in seconds, exactly as in the header;
- `METHOD`: the HTTP method in upper case (`POST`);
- `path`: the URL path the request is sent to, as the receiver's Django sees
  it in `request.path` (`/internal/orders/<order id>/payment`): no scheme,
  host or query string. A path holding a line feed cannot be signed;
- the body: the exact bytes sent, unparsed.

None of the first three parts can hold a line feed, so every message splits
back into one (timestamp, method, path, body) only: a signature made for one
order's URL does not fit another's, nor another method or body.

The receiver refuses a missing, malformed, altered or stale (more than
`DEFAULT_TOLERANCE_SECONDS` either way) signature. A signature is also
accepted once only; remembering the ones already accepted is the receiver's
job (the order service keeps them in its database, see docs/security.md).
"""

import hashlib
import hmac
import re
import time
from dataclasses import dataclass

from django.conf import settings

TIMESTAMP_HEADER = "X-Shop-Timestamp"
SIGNATURE_HEADER = "X-Shop-Signature"
SIGNATURE_SCHEME = "sha256="
DEFAULT_TOLERANCE_SECONDS = 300

# ASCII digits only (str.isdigit() also takes "²" and other scripts' digits,
# which int() then refuses), and short enough for int() and datetime.
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(re.escape(SIGNATURE_SCHEME) + r"([0-9a-f]{64})")
_METHOD = re.compile(r"[A-Z]{1,16}")


@dataclass(frozen=True)
class WebhookSignature:
    """A signature that verified: its timestamp (Unix seconds) and its hex
    digest, which the receiver remembers so that it is accepted once."""

    timestamp: int
    digest: str


def webhook_message(*, timestamp: str, method: str, path: str, body: bytes) -> bytes:
    """Returns the canonical bytes that are signed (see the module docstring).

    Raises ValueError for a method that is not an upper-case token or a path
    holding a line feed: those would make the message ambiguous."""
    if not _METHOD.fullmatch(method):
        raise ValueError("The method must be an upper-case HTTP method name.")
    if "\n" in path:
        raise ValueError("A path holding a line feed cannot be signed.")
    # surrogatepass: a path is ASCII in practice; any str encodes, none raises.
    head = f"{timestamp}\n{method}\n{path}\n".encode("utf-8", "surrogatepass")
    return head + body


def _digest(*, timestamp: str, method: str, path: str, body: bytes) -> str:
    message = webhook_message(timestamp=timestamp, method=method, path=path, body=body)
    return hmac.new(settings.WEBHOOK_SECRET.encode(), message, hashlib.sha256).hexdigest()


def webhook_headers(
    *, method: str, path: str, body: bytes, now: int | None = None
) -> dict[str, str]:
    """Returns the two headers that sign a `method` request to `path` with
    `body`, timestamped now (or at `now`, Unix seconds)."""
    timestamp = str(int(now if now is not None else time.time()))
    digest = _digest(timestamp=timestamp, method=method, path=path, body=body)
    return {TIMESTAMP_HEADER: timestamp, SIGNATURE_HEADER: SIGNATURE_SCHEME + digest}


def webhook_signature_verify(
    *,
    method: str,
    path: str,
    body: bytes,
    timestamp: str | None,
    signature: str | None,
    tolerance_seconds: int = DEFAULT_TOLERANCE_SECONDS,
    now: int | None = None,
) -> WebhookSignature | None:
    """Returns the verified signature when the headers are well formed, the
    timestamp is within `tolerance_seconds` of now and the signature is the
    one of this method, path and body; returns None for anything else (never
    raises on what a client sent)."""
    if not isinstance(timestamp, str) or not isinstance(signature, str):
        return None
    if not _TIMESTAMP.fullmatch(timestamp):
        return None
    match = _SIGNATURE.fullmatch(signature)
    if match is None:
        return None
    current = int(now if now is not None else time.time())
    if abs(current - int(timestamp)) > tolerance_seconds:
        return None
    try:
        expected = _digest(timestamp=timestamp, method=method, path=path, body=body)
    except ValueError:
        return None
    if not hmac.compare_digest(expected, match.group(1)):
        return None
    return WebhookSignature(timestamp=int(timestamp), digest=expected)


def webhook_signature_valid(
    *,
    method: str,
    path: str,
    body: bytes,
    timestamp: str | None,
    signature: str | None,
    tolerance_seconds: int = DEFAULT_TOLERANCE_SECONDS,
    now: int | None = None,
) -> bool:
    """Returns True when `webhook_signature_verify` accepts the signature."""
    return (
        webhook_signature_verify(
            method=method,
            path=path,
            body=body,
            timestamp=timestamp,
            signature=signature,
            tolerance_seconds=tolerance_seconds,
            now=now,
        )
        is not None
    )
