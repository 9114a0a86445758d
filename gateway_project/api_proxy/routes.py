"""Which service owns which path under /api/ (DESIGN.md §5, Gateway).

`/api/<path>` goes to `<service>/<path>` unchanged; anything else under /api/
(internal endpoints included) is not proxied."""

import re

_OWNERS = {
    "auth": "auth",
    "products": "catalog",
    "categories": "catalog",
    "cart": "cart",
    "order": "order",
    "orders": "order",
    "addresses": "order",
    "payment": "payment",
}
_FIRST_SEGMENT = re.compile(r"^([a-z]+)(?:/|$)")

# The services whose static files (admin CSS and JS, catalog images) the
# gateway serves under /static/<service>/ so that pages never leave its origin.
STATIC_OWNERS = frozenset({"auth", "catalog", "cart", "order", "payment"})


def owner_of(path: str) -> str | None:
    """Returns the service that owns `path` (without the /api/ prefix), or None."""
    match = _FIRST_SEGMENT.match(path)
    return _OWNERS.get(match.group(1)) if match else None


# The staff console's areas: each service's own Django admin, served on the
# gateway's origin under the same path it has on the service.
ADMIN_AREAS = {"catalog": "catalog", "orders": "order", "payments": "payment", "users": "auth"}
