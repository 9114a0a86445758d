"""Each service's real settings, imported in a subprocess as a service starts:
which secrets it reads, and that it refuses to start without them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shop_common.internal_calls import all_link_key_names
from shop_common.settings import TEST_PLACEHOLDER_SECRETS

REPO_ROOT = Path(__file__).resolve().parents[2]
SECRET_NAMES = {*TEST_PLACEHOLDER_SECRETS, "SERVICE_SIGNING_KEY", "SERVICE_CALLER_KEYS"}
PRINT_KEYS = (
    "import json, importlib, sys; s = importlib.import_module(sys.argv[1]); "
    "print(json.dumps({'signs_for': sorted(s.SERVICE_SIGNING_KEYS), "
    "'admits': sorted(s.SERVICE_CALLER_KEYS), 'webhook': hasattr(s, 'WEBHOOK_SECRET')}))"
)
# What each service holds: the targets it signs for, the callers it admits,
# whether it reads WEBHOOK_SECRET.
HOLDINGS = {
    "auth": {"signs_for": [], "admits": ["catalog", "order", "payment"], "webhook": False},
    "catalog": {"signs_for": ["auth"], "admits": ["order"], "webhook": False},
    "cart": {"signs_for": [], "admits": [], "webhook": False},
    "order": {"signs_for": ["auth", "catalog"], "admits": [], "webhook": True},
    "payment": {"signs_for": ["auth"], "admits": [], "webhook": True},
    "gateway": {"signs_for": [], "admits": [], "webhook": False},
}
# The secrets each service reads, by their environment names.
READS = {
    "auth": [
        "CATALOG_TO_AUTH_SERVICE_KEY",
        "ORDER_TO_AUTH_SERVICE_KEY",
        "PAYMENT_TO_AUTH_SERVICE_KEY",
    ],
    "catalog": ["CATALOG_TO_AUTH_SERVICE_KEY", "ORDER_TO_CATALOG_SERVICE_KEY"],
    "cart": [],
    "order": ["ORDER_TO_AUTH_SERVICE_KEY", "ORDER_TO_CATALOG_SERVICE_KEY", "WEBHOOK_SECRET"],
    "payment": ["PAYMENT_TO_AUTH_SERVICE_KEY", "WEBHOOK_SECRET"],
    "gateway": [],
}


def _environment(**secrets: str) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if k not in SECRET_NAMES}
    return {**inherited, "DJANGO_ALLOWED_HOSTS": "shop.example", **secrets}


def _import(service: str, module: str, environment: dict[str, str]):
    return subprocess.run(
        [sys.executable, "-c", PRINT_KEYS, module],
        cwd=REPO_ROOT / f"{service}_project",
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _real_secrets(names) -> dict[str, str]:
    return {name: f"{name.lower()}-{'r' * 40}" for name in names}


@pytest.mark.parametrize("service", sorted(HOLDINGS))
def test_each_service_holds_only_the_service_keys_of_its_own_links(service):
    # Everything is on offer; each service takes only its own.
    result = _import(service, "config.settings.base", _environment(**TEST_PLACEHOLDER_SECRETS))

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == HOLDINGS[service]


@pytest.mark.parametrize("service", ["cart", "gateway"])
def test_cart_and_the_gateway_start_with_no_service_key_and_no_webhook_secret(service):
    result = _import(
        service,
        "config.settings.base",
        _environment(
            DJANGO_SECRET_KEY=TEST_PLACEHOLDER_SECRETS["DJANGO_SECRET_KEY"],
            JWT_SIGNING_KEY=TEST_PLACEHOLDER_SECRETS["JWT_SIGNING_KEY"],
        ),
    )

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("service", "name"),
    [
        (service, name)
        for service, names in READS.items()
        for name in ["DJANGO_SECRET_KEY", "JWT_SIGNING_KEY", *names]
    ],
)
def test_an_empty_secret_refuses_to_start_with_its_name(service, name):
    secrets = {**TEST_PLACEHOLDER_SECRETS, name: ""}

    result = _import(service, "config.settings.base", _environment(**secrets))

    assert result.returncode != 0
    assert f"Set {name} in the environment" in result.stderr


@pytest.mark.parametrize(
    ("service", "name"),
    [
        ("order", "JWT_SIGNING_KEY"),
        ("catalog", "ORDER_TO_CATALOG_SERVICE_KEY"),
        ("payment", "WEBHOOK_SECRET"),
        ("auth", "PAYMENT_TO_AUTH_SERVICE_KEY"),
    ],
)
def test_a_short_secret_refuses_to_start_in_production_with_its_name(service, name):
    secrets = {**_real_secrets(["DJANGO_SECRET_KEY", "JWT_SIGNING_KEY", *READS[service]])}
    secrets[name] = "too-short"

    result = _import(service, "config.settings.production", _environment(**secrets))

    assert result.returncode != 0
    assert f"{name} must be a real secret" in result.stderr


@pytest.mark.parametrize("service", sorted(READS))
def test_real_secrets_start_production(service):
    secrets = _real_secrets(["DJANGO_SECRET_KEY", "JWT_SIGNING_KEY", *READS[service]])

    result = _import(
        service,
        "config.settings.production",
        _environment(**secrets, PAYMENT_EMULATOR_ALLOWED="true"),
    )

    assert result.returncode == 0, result.stderr


def test_every_link_key_is_read_by_exactly_its_two_services():
    for name in all_link_key_names():
        assert sum(name in names for names in READS.values()) == 2, name
