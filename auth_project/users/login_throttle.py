"""Failed-login throttling, per (email, client address) and per client address.

Only failures are counted, in Redis through Django's cache, in a fixed window
that starts with the first failure; successful logins are never limited. While
either counter is at its limit, logins are refused before any password check,
so guessing costs the attacker the wait and costs the service no hashing.

No counter is per email alone: an attacker hammering an account from one
address locks out only that address (for that email, and for every email once
the address limit is reached), never the account's owner signing in from
elsewhere. IPv6 clients count per /64, the block one subscriber usually holds.
"""

import hashlib
import ipaddress
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

from shop_common.errors import ServiceUnavailable

logger = logging.getLogger(__name__)

KEY_PREFIX = "login-failures"
# An IPv6 client usually holds a whole /64: counting single addresses would
# give it billions of fresh counters.
IPV6_PREFIX_LENGTH = 64


@contextmanager
def _counters_available() -> Iterator[None]:
    # Without its counters the service cannot limit guessing; it answers 503
    # rather than let logins through unthrottled.
    try:
        yield
    except (ConnectionInterrupted, RedisError) as exc:
        logger.error("login failure counters unavailable: %s", type(exc).__name__)
        raise ServiceUnavailable("Login is unavailable right now. Try again later.") from exc


def _key(kind: str, value: str) -> str:
    # Hashed: an email is user input and personal data, neither belongs in a key.
    digest = hashlib.sha256(value.encode()).hexdigest()
    return f"{KEY_PREFIX}:{kind}:{digest}"


def _client(address: str) -> str:
    """What failures are counted against for `address`: the address itself,
    or its /64 network for IPv6."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:  # ::ffff:a.b.c.d is the IPv4 client a.b.c.d
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/{IPV6_PREFIX_LENGTH}", strict=False))
    return str(ip)


def _email_address_key(*, email: str, address: str) -> str:
    return _key("email-address", json.dumps([email, _client(address)]))


def _keys_and_limits(*, email: str, address: str) -> list[tuple[str, int]]:
    return [
        (
            _email_address_key(email=email, address=address),
            settings.AUTH_LOGIN_FAILURES_PER_EMAIL_ADDRESS,
        ),
        (_key("address", _client(address)), settings.AUTH_LOGIN_FAILURES_PER_ADDRESS),
    ]


def login_throttle_wait(*, email: str, address: str) -> int | None:
    """Returns the seconds to wait when this email from this address, or this
    address for any email, has used up its failures in the current window,
    else None."""
    keys_and_limits = _keys_and_limits(email=email, address=address)
    with _counters_available():
        counts = cache.get_many([key for key, _ in keys_and_limits])
        waits = [
            max(cache.ttl(key) or 1, 1)
            for key, limit in keys_and_limits
            if int(counts.get(key) or 0) >= limit
        ]
    return max(waits) if waits else None


def login_failure_record(*, email: str, address: str) -> None:
    """Counts one failed login against the email from this address and
    against the address."""
    window = settings.AUTH_LOGIN_FAILURE_WINDOW_SECONDS
    with _counters_available():
        for key, _ in _keys_and_limits(email=email, address=address):
            # add() opens the window only if none is open; incr() keeps its expiry.
            cache.add(key, 0, timeout=window)
            try:
                cache.incr(key)
            except ValueError:
                # The window closed between add() and incr(): this failure opens a new one.
                cache.set(key, 1, timeout=window)


def login_failures_forget(*, email: str, address: str) -> None:
    """Clears the failures of this email from this address after a
    successful login from it. The address counter stays: an attacker with an
    account of their own must not be able to reset it between guesses at
    other accounts."""
    with _counters_available():
        cache.delete(_email_address_key(email=email, address=address))


def client_address_get(*, request: HttpRequest) -> str:
    """Returns the client's IP address.

    REMOTE_ADDR, unless `AUTH_TRUSTED_PROXY_COUNT` says how many proxies of
    ours append to X-Forwarded-For; then the entry the outermost of them
    added. Entries further left are written by the client and never trusted."""
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.AUTH_TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote_addr
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr
