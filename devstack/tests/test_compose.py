"""No Docker engine runs here: check compose.yaml and the Dockerfiles by reading them."""

import os
import re
import subprocess
import sys

import pytest
import yaml

from devstack.services import REPO_ROOT, SERVICES, WORKERS, service_get
from shop_common.internal_calls import all_link_key_names

COMPOSE = yaml.safe_load((REPO_ROOT / "compose.yaml").read_text())
SERVICE_KEYS = set(all_link_key_names())


def _environment(name: str) -> dict[str, str]:
    return COMPOSE["services"][name]["environment"]


def test_compose_names_every_service_the_workers_redis_and_a_database_per_data_service():
    names = set(COMPOSE["services"])

    assert {s.name for s in SERVICES} <= names
    assert {"payment-worker", "order-worker"} <= names
    assert {"redis", "auth-db", "catalog-db", "orders-db", "payments-db"} <= names


def test_only_the_gateway_publishes_a_port():
    published = {
        name: spec["ports"] for name, spec in COMPOSE["services"].items() if "ports" in spec
    }

    assert published == {"gateway": ["8000:8000"]}


def test_every_service_and_worker_runs_production_settings_with_explicit_hosts():
    for name in [*(s.name for s in SERVICES), *(w.name for w in WORKERS)]:
        environment = _environment(name)
        hosts = environment["DJANGO_ALLOWED_HOSTS"].split(",")
        assert environment["DJANGO_SETTINGS_MODULE"] == "config.settings.production", name
        assert {s.name for s in SERVICES} | {"localhost"} <= set(hosts), name
        assert "*" not in hosts
        # Plain HTTP on localhost: the login and admin cookies must come back.
        assert environment["DJANGO_SECURE_COOKIES"] == "false", name


def test_the_admin_password_has_no_default_and_only_auth_gets_it():
    holders = [
        name
        for name, spec in COMPOSE["services"].items()
        if "ADMIN_PASSWORD" in spec.get("environment", {})
    ]

    assert holders == ["auth"]
    assert _environment("auth")["ADMIN_PASSWORD"].startswith("${ADMIN_PASSWORD:?")


@pytest.mark.parametrize("name", ["gateway", "cart"])
def test_the_gateway_and_cart_hold_no_service_key_and_no_webhook_secret(name):
    environment = _environment(name)

    assert not SERVICE_KEYS & set(environment)
    assert not {"SERVICE_SIGNING_KEY", "SERVICE_CALLER_KEYS", "WEBHOOK_SECRET"} & set(environment)
    assert not any("WEBHOOK_SECRET" in str(value) for value in environment.values())


def test_each_service_holds_exactly_the_keys_of_its_links_and_the_webhook_secret_if_it_signs():
    for service in SERVICES:
        environment = _environment(service.name)
        # the same names devstack gives it (devstack.services.Service.secret_names)
        expected = set(service.secret_names) - {"ADMIN_EMAIL"}
        held = (SERVICE_KEYS | {"JWT_SIGNING_KEY", "WEBHOOK_SECRET", "ADMIN_PASSWORD"}) & set(
            environment
        )
        assert held == expected, service.name
        for name in held:
            assert environment[name].startswith(f"${{{name}:?"), (service.name, name)


def test_each_worker_runs_its_command_with_its_services_environment():
    for worker in WORKERS:
        spec = COMPOSE["services"][worker.name]
        assert spec["command"] == ["python", "manage.py", worker.command]
        assert spec["environment"] == _environment(worker.service)
        assert spec["build"] == COMPOSE["services"][worker.service]["build"]
        assert spec["depends_on"] == {worker.service: {"condition": "service_healthy"}}


def test_every_dependency_waits_on_a_healthcheck_that_exists():
    for name, spec in COMPOSE["services"].items():
        for dependency, condition in spec.get("depends_on", {}).items():
            assert dependency in COMPOSE["services"], (name, dependency)
            if condition["condition"] == "service_healthy":
                assert "healthcheck" in COMPOSE["services"][dependency], (name, dependency)


def test_every_service_gets_its_own_secret_key_and_the_user_token_key():
    for service in SERVICES:
        environment = _environment(service.name)
        assert environment["DJANGO_SECRET_KEY"].startswith(f"${{{service.secret_key_var}:?")
        assert "JWT_SIGNING_KEY" in environment


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_the_dockerfiles_build_time_secrets_let_its_settings_load(service):
    # collectstatic runs under base settings at build time, with placeholders
    # for every secret those settings require.
    dockerfile = (service.folder / "Dockerfile").read_text()
    build = dockerfile[
        dockerfile.index("&& DJANGO_SECRET_KEY=") : dockerfile.index(
            "python manage.py collectstatic"
        )
    ]
    placeholders = dict(re.findall(r"([A-Z][A-Z0-9_]+)=(\S+)", build))
    inherited = {k: v for k, v in os.environ.items() if "KEY" not in k and "SECRET" not in k}

    result = subprocess.run(
        [sys.executable, "-c", "import importlib, os; importlib.import_module(os.environ['M'])"],
        cwd=service_get(service.name).folder,
        env={**inherited, **placeholders, "M": placeholders["DJANGO_SETTINGS_MODULE"]},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr


def test_each_dockerfile_copies_only_paths_that_exist_and_runs_as_non_root():
    for service in SERVICES:
        dockerfile = (service.folder / "Dockerfile").read_text()
        assert (
            dockerfile.startswith("# Built from the repository root")
            or "FROM python:3.12-slim" in dockerfile
        )
        assert "FROM python:3.12-slim" in dockerfile
        assert "\nUSER app\n" in dockerfile
        for source in re.findall(r"^COPY (\S+)", dockerfile, flags=re.MULTILINE):
            if source.startswith("--"):
                continue
            assert (REPO_ROOT / source).exists(), (service.name, source)
        assert f"--package {service.name}-project" in dockerfile


def test_the_entrypoint_waits_for_the_database_migrates_and_execs():
    entrypoint = (REPO_ROOT / "docker" / "entrypoint.sh").read_text()

    assert "set -o errexit -o nounset -o pipefail" in entrypoint
    assert (
        entrypoint.index("manage.py wait_for_db")
        < entrypoint.index("manage.py migrate")
        < entrypoint.index('exec "$@"')
    )


def test_the_dockerfiles_differ_only_by_the_service_name():
    # One Dockerfile per project (DESIGN.md §1), kept identical in all else so
    # a fix to one is a fix to all: this test fails when they drift apart.
    def shape(service) -> str:
        lines = (service.folder / "Dockerfile").read_text().splitlines()
        # Every Dockerfile copies every project's manifest (uv's workspace
        # needs them all); only the other lines may name the service.
        own = [line for line in lines if not re.match(r"^COPY \w+/pyproject.toml \w+/$", line)]
        # A service may have its own gunicorn sizing (devstack.services.Service),
        # checked by test_gunicorn_sizing_is_the_same_in_devstack_compose_and_the_dockerfile.
        shape = re.sub(r'"--(workers|threads)", "\d+"', r'"--\1", "N"', "\n".join(own))
        return shape.replace(service.name, "<service>")

    shapes = {shape(service) for service in SERVICES}

    assert len(shapes) == 1


def test_gunicorn_sizing_is_the_same_in_devstack_compose_and_the_dockerfile():
    for service in SERVICES:
        dockerfile = (service.folder / "Dockerfile").read_text()
        command = " ".join(COMPOSE["services"][service.name].get("command", []))
        own = {"workers": service.gunicorn_workers, "threads": service.gunicorn_threads}
        for option, value in own.items():
            if value is None:
                continue  # the stack's sizing, from GUNICORN_WORKERS / GUNICORN_THREADS
            assert f'"--{option}", "{value}"' in dockerfile, (service.name, option)
            assert f"--{option} {value} " in command, (service.name, option)
