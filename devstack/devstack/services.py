"""The six services, their ports, databases and environments."""

import os
import secrets
import socket
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO_ROOT = Path(__file__).resolve().parents[2]
AUTH_GUNICORN_THREADS = 32


@dataclass(frozen=True)
class Service:
    name: str
    port: int  # the contract's local port (DESIGN.md §1)
    database: str | None  # PostgreSQL database name, None for Redis-only/stateless
    # gunicorn sizing where the service needs its own, else the stack's
    # (GUNICORN_WORKERS x GUNICORN_THREADS); see devstack.stack.gunicorn_sizing.
    gunicorn_workers: int | None = None
    gunicorn_threads: int | None = None

    @property
    def folder(self) -> Path:
        return REPO_ROOT / f"{self.name}_project"

    @property
    def secret_key_var(self) -> str:
        return f"{self.name.upper()}_SECRET_KEY"


SERVICES = [
    # A sign-in holds its thread while it waits for the worker's hashing pool
    # (auth_project/users/hashers.py): enough threads that a burst of 32
    # never leaves /healthz, refresh or /auth/me waiting for a free one
    # (docs/auth.md, `make bench-auth`).
    Service("auth", 8001, "auth", gunicorn_threads=AUTH_GUNICORN_THREADS),
    Service("catalog", 8002, "catalog"),
    Service("cart", 8003, None),
    Service("order", 8004, "orders"),
    Service("payment", 8005, "payments"),
    Service("gateway", 8000, None),
]

ADMIN_EMAIL_DEFAULT = "admin@example.com"
ADMIN_PASSWORD_DEFAULT = "admin-password-change-me"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url_for(*, server_url: str, database: str) -> str:
    """The server's URL with its database name replaced."""
    parts = urlsplit(server_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, parts.fragment))


def dotenv_ensure(path: Path) -> dict[str, str]:
    """Writes `.env` with random secrets on first start; returns its values.

    Values already in the environment are written as they are, never replaced
    by random ones."""
    values: dict[str, str] = {}
    if path.exists():
        for line in path.read_text().splitlines():
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, value = line.split("=", 1)
                values[key.strip()] = value.strip()
        return values
    wanted = {
        "JWT_SIGNING_KEY": None,
        "SERVICE_SIGNING_KEY": None,
        "WEBHOOK_SECRET": None,
        **{service.secret_key_var: None for service in SERVICES},
        "ADMIN_EMAIL": ADMIN_EMAIL_DEFAULT,
        "ADMIN_PASSWORD": ADMIN_PASSWORD_DEFAULT,
        "SHOP_CURRENCY": "KZT",
    }
    for key, default in wanted.items():
        values[key] = os.environ.get(key) or default or secrets.token_urlsafe(48)
    lines = ["# Written by `make run` on first start. Local secrets: never commit this file."]
    lines += [f"{key}={value}" for key, value in values.items()]
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)
    return values


def service_environment(
    *,
    service: Service,
    secrets_: dict[str, str],
    database_server_url: str,
    database_prefix: str,
    redis_url: str,
    ports: dict[str, int],
    extra: dict[str, str] | None = None,
) -> dict[str, str]:
    """The process environment of one service."""
    environment = {
        **os.environ,
        **secrets_,
        "DJANGO_SECRET_KEY": secrets_[service.secret_key_var],
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "REDIS_URL": redis_url,
        "PYTHONUNBUFFERED": "1",
        **{
            f"{other.name.upper()}_SERVICE_URL": f"http://127.0.0.1:{ports[other.name]}"
            for other in SERVICES
        },
        **(extra or {}),
    }
    if service.database:
        environment["DATABASE_URL"] = database_url_for(
            server_url=database_server_url, database=f"{database_prefix}{service.database}"
        )
    return environment
