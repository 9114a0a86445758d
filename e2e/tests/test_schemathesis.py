"""Schemathesis against the OpenAPI schema of every API service on the running
stack (DESIGN.md §3: no request input produces a 500; every answer is one the
schema documents).

Each service's `/api/schema/` is read once, when this module is collected
(the services are up by then: `make test` starts them first). Every
operation is then called with the cases schemathesis derives from the schema:
its examples, the coverage phase (boundary values, wrong types, missing
fields, no credentials) and a fixed number of random (fuzzed) cases, each
checked with

- `not_a_server_error`: no 5xx, 503 included (every dependency is up);
- `response_schema_conformance`: the body matches the documented schema;
- `status_code_conformance`: the status is a documented one.

Repeatable and bounded: a fixed seed, derandomized generation, no example
database and no schemathesis cache, MAX_EXAMPLES fuzzed cases per operation
and role (about a minute for the whole module on two cores). Offline: the
schemas come from the stack itself and reference nothing outside them.

Who calls what:
- a customer of its own (registered here) calls auth, catalog, cart, order
  and payment; an admin also calls catalog, order and payment (the catalog's
  writes, the staff summaries and order status changes);
- `/internal/...` operations are skipped (they need service credentials);
- the catalog's PATCH and DELETE of a product or category are aimed at rows
  this module creates (a generated id that is a UUID is replaced by one of
  ours), never at the demo data other tests rely on; every product and
  category the run creates is deleted when the module ends;
- auth's requests carry an X-Forwarded-For of their own (TEST-NET-2), so the
  failed logins they provoke are counted against that address and never
  throttle the other tests' logins from 127.0.0.1.
"""

import re
import uuid
from collections.abc import Callable

import pytest
import requests
import schemathesis
from conftest import TIMEOUT, Session, login, url

SEED = 20_251_204
MAX_EXAMPLES = 15
AUTH_CLIENT_ADDRESS = "198.51.100.23"
PASSWORD = "schemathesis-passphrase-not-for-production"


def _schema(service: str) -> schemathesis.BaseSchema:
    checks = {
        "enabled": False,
        "not_a_server_error": {"enabled": True},
        "response_schema_conformance": {"enabled": True},
        "status_code_conformance": {"enabled": True},
    }
    config = schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "cache": {"enabled": False},
            "request-timeout": TIMEOUT,
            "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"},
            "checks": checks,
        }
    )
    schema = schemathesis.openapi.from_url(
        f"{url(service)}/api/schema/?format=json", config=config, timeout=TIMEOUT
    )
    return schema.exclude(path_regex="^/internal/")


auth_schema = _schema("auth")
catalog_schema = _schema("catalog")
cart_schema = _schema("cart")
order_schema = _schema("order")
payment_schema = _schema("payment")


@pytest.fixture(scope="module")
def shopper() -> Session:
    """A customer of this module's own: schemathesis may change its password
    (it never knows the old one) and fill its cart and address book."""
    email = f"schemathesis-{uuid.uuid4().hex[:12]}@example.com"
    response = requests.post(
        url("auth") + "/auth/register", json={"email": email, "password": PASSWORD}, timeout=TIMEOUT
    )
    assert response.status_code == 201, response.text
    return login(email, PASSWORD)


def _headers(session: Session, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {session.access}", **extra}


class CatalogRows:
    """The products and categories this module creates, and deletes at its end."""

    KINDS = {"product_id": "/products", "category_id": "/categories"}

    def __init__(self, admin: Session):
        self.admin = admin
        self.created: dict[str, set[str]] = {"/products": set(), "/categories": set()}
        self.current: dict[str, str] = {}

    def record(self, method: str, path: str, response: requests.Response) -> None:
        if method == "POST" and path in self.created and response.status_code == 201:
            self.created[path].add(response.json()["id"])

    def own_id(self, parameter: str) -> str:
        """The id of a row of ours for `parameter`, made again if a DELETE took it."""
        path = self.KINDS[parameter]
        current = self.current.get(path)
        if current and self.admin.call("GET", "catalog", f"{path}/{current}").status_code == 200:
            return current
        tag = uuid.uuid4().hex[:10]
        body = (
            {"sku": f"ST-{tag}", "name": "Schemathesis mug", "price": "1.00", "is_active": False}
            if path == "/products"
            else {"name": f"Schemathesis {tag}"}
        )
        response = self.admin.call("POST", "catalog", path, json=body)
        assert response.status_code == 201, response.text
        self.current[path] = response.json()["id"]
        self.created[path].add(self.current[path])
        return self.current[path]

    def delete_all(self) -> None:
        for path, ids in self.created.items():
            for row_id in ids:
                response = self.admin.call("DELETE", "catalog", f"{path}/{row_id}")
                assert response.status_code in (204, 404), response.text


@pytest.fixture(scope="module")
def catalog_rows(admin: Session):
    rows = CatalogRows(admin)
    yield rows
    rows.delete_all()


_UUID = re.compile(r"[0-9a-fA-F]{8}-?([0-9a-fA-F]{4}-?){3}[0-9a-fA-F]{12}")


def _aim_at_own_rows(case, catalog_rows: CatalogRows) -> None:
    """PATCH and DELETE of a product or category go to a row of ours; a
    malformed id stays as generated (its answer must be a 404)."""
    if case.method.upper() not in ("PATCH", "DELETE"):
        return
    for parameter in CatalogRows.KINDS:
        value = case.path_parameters.get(parameter)
        if isinstance(value, str) and _UUID.fullmatch(value):
            case.path_parameters[parameter] = catalog_rows.own_id(parameter)


def _call_and_validate(case, headers: dict[str, str], after: Callable | None = None) -> None:
    response = case.call(headers=headers)
    if after is not None:
        after(response)
    case.validate_response(response, headers=headers)


@auth_schema.parametrize()
def test_auth_as_a_customer(case, shopper):
    _call_and_validate(case, _headers(shopper, **{"X-Forwarded-For": AUTH_CLIENT_ADDRESS}))


@catalog_schema.parametrize()
def test_catalog_as_an_admin(case, admin, catalog_rows):
    _aim_at_own_rows(case, catalog_rows)
    _call_and_validate(
        case,
        _headers(admin),
        after=lambda response: catalog_rows.record(case.method.upper(), case.path, response),
    )


@catalog_schema.parametrize()
def test_catalog_as_a_customer(case, shopper, catalog_rows):
    _aim_at_own_rows(case, catalog_rows)
    _call_and_validate(case, _headers(shopper))


@cart_schema.parametrize()
def test_cart_as_a_customer(case, shopper):
    _call_and_validate(case, _headers(shopper))


@order_schema.parametrize()
def test_order_as_a_customer(case, shopper):
    _call_and_validate(case, _headers(shopper))


@order_schema.parametrize()
def test_order_as_an_admin(case, admin):
    _call_and_validate(case, _headers(admin))


@payment_schema.parametrize()
def test_payment_as_a_customer(case, shopper):
    _call_and_validate(case, _headers(shopper))


@payment_schema.parametrize()
def test_payment_as_an_admin(case, admin):
    _call_and_validate(case, _headers(admin))
