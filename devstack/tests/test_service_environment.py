"""What devstack hands each service: only the secrets it uses."""

import pytest

from devstack import cli
from devstack.cli import TEST_SECRETS, manage_environment
from devstack.services import SERVICES, WORKERS, service_environment, service_get
from shop_common.internal_calls import all_link_key_names

SECRETS = {
    **{name: f"value-of-{name}" for name in TEST_SECRETS},
    "SHOP_CURRENCY": "KZT",
}
SERVICE_KEYS = set(all_link_key_names())


def _environment(name: str) -> dict[str, str]:
    return service_environment(
        service=service_get(name),
        secrets_=SECRETS,
        database_server_url="postgres://postgres@127.0.0.1:5432/postgres",
        database_prefix="",
        redis_url="redis://127.0.0.1:6379/0",
        ports={s.name: s.port for s in SERVICES},
    )


@pytest.fixture(autouse=True)
def _devstack_started_with_every_secret(monkeypatch):
    # Whatever devstack's own environment holds, a service inherits none of it.
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("SERVICE_SIGNING_KEY", "an-old-shared-key")
    monkeypatch.setenv("DJANGO_SECRET_KEY", "devstacks-own")


@pytest.mark.parametrize("name", ["gateway", "cart"])
def test_the_gateway_and_cart_hold_no_service_key_and_no_webhook_secret(name):
    environment = _environment(name)

    assert not SERVICE_KEYS & set(environment)
    assert "SERVICE_SIGNING_KEY" not in environment
    assert "SERVICE_CALLER_KEYS" not in environment
    assert "WEBHOOK_SECRET" not in environment
    assert "ADMIN_PASSWORD" not in environment
    assert not any(value == SECRETS["WEBHOOK_SECRET"] for value in environment.values())


@pytest.mark.parametrize(
    ("name", "service_keys", "webhook"),
    [
        ("auth", {"CATALOG_TO_AUTH", "ORDER_TO_AUTH", "PAYMENT_TO_AUTH"}, False),
        ("catalog", {"CATALOG_TO_AUTH", "ORDER_TO_CATALOG"}, False),
        ("cart", set(), False),
        ("order", {"ORDER_TO_AUTH", "ORDER_TO_CATALOG"}, True),
        ("payment", {"PAYMENT_TO_AUTH"}, True),
        ("gateway", set(), False),
    ],
)
def test_each_service_gets_the_keys_of_its_own_links_and_the_webhook_secret_if_it_signs(
    name, service_keys, webhook
):
    environment = _environment(name)

    assert SERVICE_KEYS & set(environment) == {f"{key}_SERVICE_KEY" for key in service_keys}
    for key in SERVICE_KEYS & set(environment):
        assert environment[key] == SECRETS[key]
    assert ("WEBHOOK_SECRET" in environment) is webhook


def test_each_service_gets_its_own_secret_key_as_django_secret_key_and_no_other():
    for service in SERVICES:
        environment = _environment(service.name)

        assert environment["DJANGO_SECRET_KEY"] == SECRETS[service.secret_key_var]
        assert not {s.secret_key_var for s in SERVICES} & set(environment)
        assert environment["JWT_SIGNING_KEY"] == SECRETS["JWT_SIGNING_KEY"]


def test_only_auth_gets_the_admin_password():
    holders = [s.name for s in SERVICES if "ADMIN_PASSWORD" in _environment(s.name)]

    assert holders == ["auth"]


def test_the_workers_are_the_payment_and_order_workers_with_their_services_environment():
    assert [(w.name, w.service, w.command) for w in WORKERS] == [
        ("payment-worker", "payment", "deliver_callbacks"),
        ("order-worker", "order", "expire_orders"),
    ]
    assert service_get("payment").folder.joinpath("payments/management/commands").exists()
    assert next(w for w in WORKERS if w.name == "payment-worker").available()


def test_make_manage_runs_a_service_as_make_run_does(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)

    environment = manage_environment(service_get("catalog"), secrets=SECRETS)

    assert environment["DJANGO_SECRET_KEY"] == SECRETS["CATALOG_SECRET_KEY"]
    assert environment["DJANGO_SETTINGS_MODULE"] == "config.settings.base"
    assert environment["DATABASE_URL"] == (
        f"postgres://postgres@127.0.0.1:{cli.RUN_POSTGRES_PORT}/catalog"
    )
    assert cli.RUN_POSTGRES_PORT == 54329
    assert environment["REDIS_URL"] == f"redis://127.0.0.1:{cli.RUN_REDIS_PORT}/0"
    assert environment["ORDER_TO_CATALOG_SERVICE_KEY"] == SECRETS["ORDER_TO_CATALOG_SERVICE_KEY"]
    assert environment["AUTH_SERVICE_URL"] == "http://127.0.0.1:8001"
    assert "WEBHOOK_SECRET" not in environment


def test_make_manage_uses_the_database_server_of_database_url(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example:5432/postgres")

    environment = manage_environment(service_get("order"), secrets=SECRETS)

    assert environment["DATABASE_URL"] == "postgres://u:p@db.example:5432/orders"
    assert environment["WEBHOOK_SECRET"] == SECRETS["WEBHOOK_SECRET"]
