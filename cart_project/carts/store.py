"""Where carts live: one Redis hash per user, `product id -> quantity`.

The raw django-redis connection is used with an explicit key scheme (the
cache's KEY_PREFIX does not apply to raw connections). Every change runs as
one Lua script on the server, so concurrent requests never lose an update
and the limits are checked against the value actually being changed. Each
change refreshes the cart's TTL, so only idle carts expire.
"""

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django_redis import get_redis_connection
from redis import Redis
from redis.commands.core import Script
from redis.exceptions import RedisError

from carts.exceptions import CartStoreUnavailable

logger = logging.getLogger(__name__)

# Versioned so a change of layout can live beside old carts until they expire.
KEY_TEMPLATE = "cart:v1:{user_id}"

# Outcomes of the add script.
ADD_DONE = 0
ADD_OVER_LINE_LIMIT = 1
ADD_OVER_STOCK = 2
ADD_CART_FULL = 3

# Outcomes of the remove script.
REMOVE_DONE = 0
REMOVE_NOT_IN_CART = 1

# KEYS[1] the cart; ARGV: product id, quantity to add, line limit, stock,
# most lines, TTL seconds. Returns {outcome, the cart after it as HGETALL}.
ADD_SCRIPT = """
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
local wanted = current + tonumber(ARGV[2])
if wanted > tonumber(ARGV[3]) then
  return {1, redis.call('HGETALL', KEYS[1])}
end
if wanted > tonumber(ARGV[4]) then
  return {2, redis.call('HGETALL', KEYS[1])}
end
if current == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[5]) then
  return {3, redis.call('HGETALL', KEYS[1])}
end
redis.call('HSET', KEYS[1], ARGV[1], wanted)
redis.call('EXPIRE', KEYS[1], ARGV[6])
return {0, redis.call('HGETALL', KEYS[1])}
"""

# KEYS[1] the cart; ARGV: product id, quantity to take away ('' for the whole
# line), TTL seconds. Returns {outcome, the cart after it as HGETALL}.
REMOVE_SCRIPT = """
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if current == 0 then
  return {1, redis.call('HGETALL', KEYS[1])}
end
local take = tonumber(ARGV[2])
if take == nil or take >= current then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], current - take)
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[3])
end
return {0, redis.call('HGETALL', KEYS[1])}
"""


@dataclass(frozen=True)
class StoreResult:
    """The outcome code of a script and the cart's lines right after it."""

    outcome: int
    lines: dict[str, int]


def cart_key(*, user_id: str) -> str:
    return KEY_TEMPLATE.format(user_id=user_id)


@contextmanager
def _store_errors_as_unavailable() -> Iterator[None]:
    try:
        yield
    except RedisError as exc:
        logger.warning("cart store failed: %s", type(exc).__name__)
        raise CartStoreUnavailable() from exc


def _connection() -> Redis:
    return get_redis_connection("default")


@cache
def _script(source: str) -> Script:
    # The SHA is computed once; every call passes the current connection, and
    # redis-py reloads the script by itself on a server that lost it (restart).
    return Script(_connection(), source)


def _lines_of(flat: list[bytes]) -> dict[str, int]:
    lines: dict[str, int] = {}
    for raw_id, raw_quantity in zip(flat[::2], flat[1::2], strict=True):
        try:
            product_id = raw_id.decode()
            quantity = int(raw_quantity)
            # Canonical ids only: the catalog refuses a whole `?ids=` list
            # (400) for one bad item, which would make the cart 503 for good.
            readable = str(uuid.UUID(product_id)) == product_id and quantity > 0
        except (UnicodeDecodeError, ValueError):
            readable = False
        if readable:
            lines[product_id] = quantity
        else:
            # Only this module writes carts; a foreign line is skipped, not fatal.
            logger.warning("skipped an unreadable cart line")
    return lines


def cart_lines_read(*, user_id: str) -> dict[str, int]:
    """Returns the cart's lines, product id -> quantity (empty if none)."""
    with _store_errors_as_unavailable():
        flat = _connection().hgetall(cart_key(user_id=user_id))
    return _lines_of([item for pair in flat.items() for item in pair])


def cart_line_increment(
    *, user_id: str, product_id: str, quantity: int, line_limit: int, stock: int, max_lines: int
) -> StoreResult:
    """Adds `quantity` to the line unless the result would pass `line_limit`
    or `stock`, or a new line would pass `max_lines`; returns the outcome."""
    with _store_errors_as_unavailable():
        connection = _connection()
        outcome, flat = _script(ADD_SCRIPT)(
            keys=[cart_key(user_id=user_id)],
            args=[product_id, quantity, line_limit, stock, max_lines, settings.CART_TTL_SECONDS],
            client=connection,
        )
    return StoreResult(outcome=int(outcome), lines=_lines_of(flat))


def cart_line_decrement(*, user_id: str, product_id: str, quantity: int | None) -> StoreResult:
    """Takes `quantity` from the line, or the whole line when None or when it
    would reach zero; returns the outcome."""
    with _store_errors_as_unavailable():
        connection = _connection()
        outcome, flat = _script(REMOVE_SCRIPT)(
            keys=[cart_key(user_id=user_id)],
            args=[product_id, "" if quantity is None else quantity, settings.CART_TTL_SECONDS],
            client=connection,
        )
    return StoreResult(outcome=int(outcome), lines=_lines_of(flat))


def cart_delete(*, user_id: str) -> None:
    with _store_errors_as_unavailable():
        _connection().delete(cart_key(user_id=user_id))
