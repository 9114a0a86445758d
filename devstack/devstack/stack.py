"""The whole suite on one machine: infrastructure, databases, migrations,
seeds, the six services under gunicorn and their workers (the payment
callback worker, the order expiry worker)."""

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from devstack.postgres import Postgres, database_ensure
from devstack.processes import ProcessGroup
from devstack.redis_server import RedisServer
from devstack.services import SERVICES, WORKERS, Service, service_environment, service_get

PYTHON = sys.executable
# Every service's gunicorn sizing unless the service has its own (Service.gunicorn_*).
GUNICORN_WORKERS = int(os.environ.get("GUNICORN_WORKERS", "2"))
GUNICORN_THREADS = int(os.environ.get("GUNICORN_THREADS", "4"))


def gunicorn_command(*, port: int, workers: int, threads: int) -> list[str]:
    """How every service is served, by `make run`, `make test` and the benchmarks."""
    return [
        PYTHON,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        "gthread",
        "--timeout",
        "30",
        "--graceful-timeout",
        "5",
        "--no-control-socket",  # six gunicorns would share one default socket path
        "--access-logfile",
        "-",
        "--access-logformat",
        '[%({x-request-id}o)s] %(h)s "%(r)s" %(s)s %(b)s %(M)sms',
    ]


def gunicorn_sizing(
    service: Service, *, workers: int = GUNICORN_WORKERS, threads: int = GUNICORN_THREADS
) -> tuple[int, int]:
    """Returns (workers, threads) for `service`: its own sizing where it has
    one, else the stack's `workers` and `threads`."""
    return (service.gunicorn_workers or workers, service.gunicorn_threads or threads)


@dataclass
class Stack:
    data_dir: Path
    secrets: dict[str, str]
    ports: dict[str, int]
    postgres_port: int
    redis_port: int
    persist: bool = True
    database_prefix: str = ""
    gunicorn_workers: int = GUNICORN_WORKERS
    gunicorn_threads: int = GUNICORN_THREADS
    postgres: Postgres | None = None
    redis: RedisServer | None = None
    database_server_url: str = ""
    redis_url: str = ""
    group: ProcessGroup = field(default_factory=ProcessGroup)

    # --- infrastructure -------------------------------------------------
    def infra_start(self) -> None:
        """Starts PostgreSQL and Redis unless DATABASE_URL / REDIS_URL are given."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.database_server_url = os.environ.get("DATABASE_URL", "")
        if not self.database_server_url:
            self.postgres = Postgres(
                self.data_dir / "postgres", self.postgres_port, fast=not self.persist
            )
            self.postgres.start()
            self.database_server_url = self.postgres.url("postgres")
        self.redis_url = os.environ.get("REDIS_URL", "")
        if not self.redis_url:
            self.redis = RedisServer(self.data_dir / "redis", self.redis_port, persist=self.persist)
            self.redis.start()
            self.redis_url = self.redis.url

    def infra_stop(self) -> None:
        if self.redis:
            self.redis.stop()
        if self.postgres:
            self.postgres.stop()

    # --- services -------------------------------------------------------
    def environment(self, service: Service, extra: dict[str, str] | None = None) -> dict[str, str]:
        return service_environment(
            service=service,
            secrets_=self.secrets,
            database_server_url=self.database_server_url,
            database_prefix=self.database_prefix,
            redis_url=self.redis_url,
            ports=self.ports,
            extra=extra,
        )

    def manage(self, service: Service, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [PYTHON, "manage.py", *args],
            cwd=service.folder,
            env=self.environment(service),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def _all(self, commands: list[tuple[Service, subprocess.Popen]], what: str) -> None:
        failed = []
        for service, process in commands:
            output, _ = process.communicate()
            if process.returncode != 0:
                failed.append(service.name)
                sys.stderr.write(f"--- {service.name}: {what} failed ---\n{output}\n")
        if failed:
            raise SystemExit(f"{what} failed for: {', '.join(failed)}")

    def prepare(self, *, seed_demo: bool) -> None:
        """Creates the databases, migrates, collects static files and seeds."""
        for service in SERVICES:
            if service.database:
                database_ensure(
                    server_url=self.database_server_url,
                    name=f"{self.database_prefix}{service.database}",
                )
        with_db = [s for s in SERVICES if s.database]
        self._all([(s, self.manage(s, "migrate", "--noinput")) for s in with_db], "migrate")
        self._all(
            [
                (s, self.manage(s, "collectstatic", "--noinput", "--verbosity", "0"))
                for s in SERVICES
            ],
            "collectstatic",
        )
        auth = service_get("auth")
        self._all([(auth, self.manage(auth, "seed_admin"))], "seed_admin")
        if seed_demo:
            catalog = service_get("catalog")
            self._all([(catalog, self.manage(catalog, "seed_demo"))], "seed_demo")

    def services_start(self) -> None:
        metrics_root = self.data_dir / "metrics"
        shutil.rmtree(metrics_root, ignore_errors=True)
        for service in SERVICES:
            metrics_dir = metrics_root / service.name
            metrics_dir.mkdir(parents=True)
            env = self.environment(service, {"PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)})
            workers, threads = gunicorn_sizing(
                service, workers=self.gunicorn_workers, threads=self.gunicorn_threads
            )
            self.group.start(
                service.name,
                gunicorn_command(port=self.ports[service.name], workers=workers, threads=threads),
                cwd=service.folder,
                env=env,
            )
        for worker in WORKERS:
            if not worker.available():
                print(
                    f"{worker.name} not started: {worker.service}_project has no "
                    f"`{worker.command}` command yet",
                    file=sys.stderr,
                    flush=True,
                )
                continue
            service = service_get(worker.service)
            self.group.start(
                worker.name,
                [PYTHON, "manage.py", worker.command],
                cwd=service.folder,
                env=self.environment(service),
            )

    def wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        pending = {s.name for s in SERVICES}
        while pending:
            for name in sorted(pending):
                try:
                    if requests.get(f"http://127.0.0.1:{self.ports[name]}/readyz", timeout=2).ok:
                        pending.discard(name)
                except requests.RequestException:
                    pass
            exited = self.group.exited()
            if exited:
                raise SystemExit(f"services exited early: {exited}")
            if pending and time.monotonic() > deadline:
                raise SystemExit(f"services not ready after {timeout:.0f}s: {sorted(pending)}")
            if pending:
                time.sleep(0.5)

    def stop(self) -> None:
        self.group.stop()
        self.infra_stop()
