"""`devstack run | test | infra | manage | backup`: what `make run`,
`make test`, `make manage` and `make backup` call."""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import requests

from devstack.backup import backup_all
from devstack.demo import CUSTOMERS as DEMO_CUSTOMERS
from devstack.demo import PASSWORD as DEMO_PASSWORD
from devstack.demo import demo_seed
from devstack.postgres import Postgres
from devstack.processes import ProcessGroup
from devstack.services import (
    REPO_ROOT,
    SERVICES,
    Service,
    database_url_for,
    dotenv_ensure,
    free_port,
    service_environment,
)
from devstack.stack import PYTHON, Stack
from shop_common.settings import TEST_PLACEHOLDER_SECRETS

DATA_DIR = REPO_ROOT / ".data"
RUN_POSTGRES_PORT = int(os.environ.get("SHOP_POSTGRES_PORT", "54329"))
RUN_REDIS_PORT = int(os.environ.get("SHOP_REDIS_PORT", "63790"))

# Placeholder secrets for test runs: loud, never the .env of `make run`; the
# shared and service keys are the ones the services' test settings use.
TEST_SECRETS = {
    **{k: v for k, v in TEST_PLACEHOLDER_SECRETS.items() if k != "DJANGO_SECRET_KEY"},
    **{s.secret_key_var: f"insecure-test-{s.name}-secret-key-not-for-production" for s in SERVICES},
    "ADMIN_EMAIL": "admin@example.com",
    "ADMIN_PASSWORD": "admin-password-for-tests",
    "SHOP_CURRENCY": "KZT",
}


def _stop_on_signals() -> None:
    def raise_interrupt(signum, frame):
        raise KeyboardInterrupt

    # SIGINT too: a shell starting us in the background may have ignored it,
    # and Python then keeps it ignored; Ctrl-C must always stop everything.
    signal.signal(signal.SIGTERM, raise_interrupt)
    signal.signal(signal.SIGINT, raise_interrupt)


def _demo_activity_ensure(secrets: dict[str, str]) -> None:
    urls = {s.name: f"http://127.0.0.1:{s.port}" for s in SERVICES}
    try:
        created = demo_seed(
            urls=urls, admin_email=secrets["ADMIN_EMAIL"], admin_password=secrets["ADMIN_PASSWORD"]
        )
    except (RuntimeError, requests.RequestException) as exc:
        # The shop still runs without its demo activity; say why it is missing.
        print(f"demo activity not created: {exc}", file=sys.stderr)
        return
    if created:
        print(f"Demo activity created: customers {', '.join(DEMO_CUSTOMERS)} / {DEMO_PASSWORD}")


def _run_secrets() -> dict[str, str]:
    """The `make run` secrets: `.env` (written or upgraded first), where the
    environment does not override them."""
    secrets = dotenv_ensure(REPO_ROOT / ".env")
    secrets.update({k: os.environ[k] for k in list(secrets) if k in os.environ})
    return secrets


def command_run(args) -> int:
    secrets = _run_secrets()
    stack = Stack(
        data_dir=DATA_DIR,
        secrets=secrets,
        ports={s.name: s.port for s in SERVICES},
        postgres_port=RUN_POSTGRES_PORT,
        redis_port=RUN_REDIS_PORT,
    )
    _stop_on_signals()
    try:
        print("Starting PostgreSQL and Redis...", flush=True)
        stack.infra_start()
        print("Creating databases, migrating and seeding...", flush=True)
        stack.prepare(seed_demo=True)
        stack.services_start()
        stack.wait_healthy()
        _demo_activity_ensure(secrets)
        print(
            "\nThe shop suite is up:\n"
            "  storefront   http://127.0.0.1:8000/\n"
            + "".join(
                f"  {s.name:<8} http://127.0.0.1:{s.port}/api/docs/\n"
                for s in SERVICES
                if s.name != "gateway"
            )
            + "  staff console  http://127.0.0.1:8000/admin/ (catalog, orders, payments, users)\n"
            f"  admin login  {secrets['ADMIN_EMAIL']} / {secrets['ADMIN_PASSWORD']}\n"
            f"  data         {DATA_DIR}\n"
            "Press Ctrl-C to stop everything.\n",
            flush=True,
        )
        while not stack.group.exited():
            time.sleep(1)
        print(f"a process exited: {stack.group.exited()}; stopping", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping...", flush=True)
        return 0
    finally:
        stack.stop()


def _pytest(folder: Path, env: dict[str, str], junit: Path, extra: list[str]) -> int:
    print(f"\n===== {folder.name} =====", flush=True)
    return subprocess.call(
        [PYTHON, "-m", "pytest", "-q", f"--junitxml={junit}", "-p", "no:cacheprovider", *extra],
        cwd=folder,
        env=env,
    )


def _junit_counts(path: Path) -> tuple[int, int, int]:
    """Returns (passed, failed, skipped) from a JUnit XML report."""
    if not path.exists():
        return 0, 1, 0
    root = ET.parse(path).getroot()  # noqa: S314 (our own pytest wrote it)
    suites = [root] if root.tag == "testsuite" else list(root)
    tests = failed = skipped = 0
    for suite in suites:
        tests += int(suite.get("tests", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
    return tests - failed - skipped, failed, skipped


def command_test(args) -> int:
    only = set(args.only.split(",")) if args.only else None
    work = Path(tempfile.mkdtemp(prefix="shop-test-"))
    os.chmod(work, 0o755)  # noqa: S103 (the unprivileged postgres user must traverse it)
    reports = work / "reports"
    reports.mkdir()
    stack = Stack(
        data_dir=work,
        secrets=dict(TEST_SECRETS),
        ports={s.name: free_port() for s in SERVICES},
        postgres_port=free_port(),
        redis_port=free_port(),
        persist=False,
        database_prefix="e2e_",
        group=ProcessGroup(log_dir=work, echo=False),
    )
    results: dict[str, int] = {}
    _stop_on_signals()
    try:
        stack.infra_start()
        for library in ("devstack", "shop_common"):
            if only is None or library in only:
                env = {
                    **os.environ,
                    "DATABASE_URL": stack.database_server_url,
                    "REDIS_URL": stack.redis_url,
                }
                results[library] = _pytest(
                    REPO_ROOT / library, env, reports / f"{library}.xml", args.pytest_args
                )
        for service in SERVICES:
            if only and service.name not in only:
                continue
            if not (service.folder / "pyproject.toml").exists():
                continue
            env = stack.environment(service)
            env["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
            env["DATABASE_URL"] = database_url_for(
                server_url=stack.database_server_url, database=service.database or service.name
            )
            results[service.name] = _pytest(
                service.folder, env, reports / f"{service.name}.xml", args.pytest_args
            )
        if not args.no_e2e and (only is None or "e2e" in only):
            print("\n===== e2e: starting the services =====", flush=True)
            stack.prepare(seed_demo=True)
            stack.services_start()
            stack.wait_healthy()
            env = {
                **os.environ,
                **stack.secrets,
                **{
                    f"{s.name.upper()}_URL": f"http://127.0.0.1:{stack.ports[s.name]}"
                    for s in SERVICES
                },
                "E2E_LOG_DIR": str(work),
                # Process groups of the services, so a test can stop one mid-session.
                "E2E_SERVICE_PIDS": ",".join(
                    f"{name}={process.pid}" for name, process in stack.group.processes
                ),
            }
            results["e2e"] = _pytest(REPO_ROOT / "e2e", env, reports / "e2e.xml", args.pytest_args)
    except KeyboardInterrupt:
        results["interrupted"] = 1
    finally:
        stack.stop()
    passed = failed = skipped = 0
    print("\n===== summary =====")
    for name, code in results.items():
        p, f, s = _junit_counts(reports / f"{name}.xml")
        passed, failed, skipped = passed + p, failed + f, skipped + s
        print(
            f"  {name:<8} {'ok' if code == 0 else 'FAILED'} ({p} passed, {f} failed, {s} skipped)"
        )
    failing = [name for name, code in results.items() if code != 0]
    if not failing:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"  logs kept in {work}")
    print(f"total: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return 1 if failing else 0


def command_infra(args) -> int:
    """Starts only PostgreSQL and Redis (for running one project's tests by hand)."""
    stack = Stack(
        data_dir=DATA_DIR / "dev-infra",
        secrets=dict(TEST_SECRETS),
        ports={s.name: s.port for s in SERVICES},
        postgres_port=args.postgres_port,
        redis_port=args.redis_port,
        persist=False,
    )
    _stop_on_signals()
    try:
        stack.infra_start()
        print(
            f"export DATABASE_URL={stack.database_server_url} REDIS_URL={stack.redis_url}",
            flush=True,
        )
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return 0
    finally:
        stack.stop()


def manage_environment(service: Service, *, secrets: dict[str, str]) -> dict[str, str]:
    """The environment `make run` starts `service` with: its secrets mapped to
    the names its settings read (`DJANGO_SECRET_KEY` from
    `<SERVICE>_SECRET_KEY`...), its database on the `make run` PostgreSQL
    (port 54329, or DATABASE_URL's server), Redis on 63790 (or REDIS_URL) and
    the other services on their contract ports."""
    server_url = os.environ.get("DATABASE_URL") or Postgres(
        DATA_DIR / "postgres", RUN_POSTGRES_PORT
    ).url("postgres")
    redis_url = os.environ.get("REDIS_URL") or f"redis://127.0.0.1:{RUN_REDIS_PORT}/0"
    return service_environment(
        service=service,
        secrets_=secrets,
        database_server_url=server_url,
        database_prefix="",
        redis_url=redis_url,
        ports={s.name: s.port for s in SERVICES},
    )


def command_manage(args) -> int:
    """Runs one service's manage.py against the `make run` stack."""
    service = next((s for s in SERVICES if s.name == args.service), None)
    if service is None:
        names = ", ".join(s.name for s in SERVICES)
        print(f"no service {args.service!r}: one of {names}", file=sys.stderr)
        return 2
    if (
        service.database
        and not os.environ.get("DATABASE_URL")
        and not (DATA_DIR / "postgres" / "postmaster.pid").exists()
    ):
        print("note: the `make run` PostgreSQL is not running (start `make run`)", file=sys.stderr)
    return subprocess.call(
        [PYTHON, "manage.py", *args.args],
        cwd=service.folder,
        env=manage_environment(service, secrets=_run_secrets()),
    )


def command_backup(args) -> int:
    """Dumps the `make run` databases (or DATABASE_URL's server)."""
    server_url = os.environ.get("DATABASE_URL", "")
    postgres = None
    if not server_url:
        postgres = Postgres(DATA_DIR / "postgres", RUN_POSTGRES_PORT)
        if not (postgres.data_dir / "PG_VERSION").exists():
            print("no data yet: run `make run` first", file=sys.stderr)
            return 1
        started_here = not (postgres.data_dir / "postmaster.pid").exists()
        if started_here:
            postgres.start()
        server_url = postgres.url("postgres")
    try:
        folder = backup_all(server_url=server_url, root=DATA_DIR / "backups")
        print(f"backup written to {folder}")
        return 0
    finally:
        if postgres and started_here:
            postgres.stop()


def main() -> None:
    parser = argparse.ArgumentParser(prog="devstack", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="start the whole suite (make run)").set_defaults(func=command_run)
    test = sub.add_parser(
        "test", help="run every test suite on throwaway infrastructure (make test)"
    )
    test.add_argument("--only", help="comma-separated projects, e.g. auth,catalog,e2e")
    test.add_argument("--no-e2e", action="store_true", help="skip the end-to-end suite")
    test.add_argument("pytest_args", nargs="*", help="extra pytest arguments")
    test.set_defaults(func=command_test)
    infra = sub.add_parser("infra", help="start only PostgreSQL and Redis")
    infra.add_argument("--postgres-port", type=int, default=55432)
    infra.add_argument("--redis-port", type=int, default=56379)
    infra.set_defaults(func=command_infra)
    manage = sub.add_parser(
        "manage", help="run a service's manage.py against the `make run` stack (make manage)"
    )
    manage.add_argument("service", help="auth, catalog, cart, order, payment or gateway")
    manage.add_argument("args", nargs=argparse.REMAINDER, help="manage.py arguments")
    manage.set_defaults(func=command_manage)
    sub.add_parser("backup", help="pg_dump every database, keep 7 days").set_defaults(
        func=command_backup
    )
    args = parser.parse_args()
    sys.exit(args.func(args))
