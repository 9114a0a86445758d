"""Who calls whose internal endpoints, and the key of each such link.

One table for the services' settings (which keys a service reads), for
devstack and compose (which keys a service is given) and for their tests.
Every link (caller -> target) has its own HS256 key, held by exactly those
two services: the caller signs its service credentials for that target with
it, the target verifies them with it. A service outside the table (cart,
gateway) holds no service key, and no service holds a key that would let it
mint a credential for a call it does not make (docs/security.md).

Plain data, no Django imports: settings modules and devstack import it.
"""

# caller -> the services whose internal endpoints it calls (DESIGN.md §4)
INTERNAL_CALLS: dict[str, tuple[str, ...]] = {
    # Staff rights re-checks of its admin: auth GET /internal/users/<id>.
    "catalog": ("auth",),
    # Staff rights re-checks; catalog POST /internal/reservations[/<id>/release].
    "order": ("auth", "catalog"),
    # Staff rights re-checks. Its callbacks to order are signed with
    # WEBHOOK_SECRET instead (shop_common.webhooks).
    "payment": ("auth",),
}


def link_key_name(*, caller: str, target: str) -> str:
    """The environment variable holding the key of calls from `caller` to
    `target`, e.g. `ORDER_TO_CATALOG_SERVICE_KEY`."""
    return f"{caller.upper()}_TO_{target.upper()}_SERVICE_KEY"


def targets_of(service: str) -> tuple[str, ...]:
    """The services whose internal endpoints `service` calls."""
    return INTERNAL_CALLS.get(service, ())


def callers_of(service: str) -> tuple[str, ...]:
    """The services that call internal endpoints of `service`."""
    return tuple(caller for caller, targets in INTERNAL_CALLS.items() if service in targets)


def link_key_names(service: str) -> list[str]:
    """The names of every service key `service` holds: those it signs with,
    then those it verifies with."""
    return [
        *(link_key_name(caller=service, target=target) for target in targets_of(service)),
        *(link_key_name(caller=caller, target=service) for caller in callers_of(service)),
    ]


def all_link_key_names() -> list[str]:
    """The names of every link key of the suite."""
    return [
        link_key_name(caller=caller, target=target)
        for caller, targets in INTERNAL_CALLS.items()
        for target in targets
    ]
