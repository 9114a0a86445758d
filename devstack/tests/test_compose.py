"""No Docker engine runs here: check compose.yaml and the Dockerfiles by reading them."""

import re

import yaml

from devstack.services import REPO_ROOT, SERVICES

COMPOSE = yaml.safe_load((REPO_ROOT / "compose.yaml").read_text())


def test_compose_names_every_service_the_worker_redis_and_a_database_per_data_service():
    names = set(COMPOSE["services"])

    assert {s.name for s in SERVICES} <= names
    assert {"payment-worker", "redis", "auth-db", "catalog-db", "orders-db", "payments-db"} <= names


def test_every_service_publishes_its_contract_port():
    for service in SERVICES:
        assert f"{service.port}:8000" in COMPOSE["services"][service.name]["ports"]


def test_every_dependency_waits_on_a_healthcheck_that_exists():
    for name, spec in COMPOSE["services"].items():
        for dependency, condition in spec.get("depends_on", {}).items():
            assert dependency in COMPOSE["services"], (name, dependency)
            if condition["condition"] == "service_healthy":
                assert "healthcheck" in COMPOSE["services"][dependency], (name, dependency)


def test_every_service_gets_its_own_secret_key_and_the_shared_keys():
    for service in SERVICES:
        environment = COMPOSE["services"][service.name]["environment"]
        assert service.secret_key_var in environment["DJANGO_SECRET_KEY"]
        assert "JWT_SIGNING_KEY" in environment
        assert "SERVICE_SIGNING_KEY" in environment


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
