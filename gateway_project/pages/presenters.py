"""What every page shows alike, whichever app draws it: a service that is
down, and a service's timestamp. Plain functions, no I/O (the shop's own
presenters are in storefront.presenters; a refusal's wording is
backends.errors')."""

from datetime import datetime
from typing import Any

from django.utils.dateparse import parse_datetime

from shop_common.errors import ServiceUnavailable


def unavailable_notice(service: str) -> str:
    """The notice a shop page shows when `service` (catalog, cart, order,
    payment) cannot be reached."""
    return f"The {service} service is unavailable right now. Please try again in a moment."


def outage_notice(exc: ServiceUnavailable, consequence: str = "") -> str:
    """An account page's notice of an outage: what the client said of it
    ("The auth service is unavailable.") and what it meant for the shopper
    ("Your password was not changed.")."""
    return " ".join(part for part in (str(exc.detail), consequence) if part)


def moment(value: Any) -> datetime | None:
    """An ISO 8601 timestamp from a service as a datetime (None if unreadable),
    for the template's `date` filter."""
    if not isinstance(value, str):
        return None
    try:
        return parse_datetime(value)
    except ValueError:
        return None
