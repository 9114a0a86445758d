"""The six services, their ports, databases, workers and environments.

Each service is given only the secrets it uses (docs/security.md): its own
Django secret key, `JWT_SIGNING_KEY`, the keys of its own internal-call links
(shop_common.internal_calls) and its `Service.secrets`. None of them reads the
`.env` file itself.
"""

import os
import secrets
import socket
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from shop_common.internal_calls import all_link_key_names, link_key_names

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Service:
    name: str
    port: int  # the contract's local port (DESIGN.md §1)
    database: str | None  # PostgreSQL database name, None for Redis-only/stateless
    # gunicorn sizing where the service needs its own, else the stack's
    # (GUNICORN_WORKERS x GUNICORN_THREADS); see devstack.stack.gunicorn_sizing.
    gunicorn_workers: int | None = None
    gunicorn_threads: int | None = None
    # Values of `.env` it gets beyond its Django secret key, JWT_SIGNING_KEY
    # and its service keys.
    secrets: tuple[str, ...] = ()

    @property
    def folder(self) -> Path:
        return REPO_ROOT / f"{self.name}_project"

    @property
    def secret_key_var(self) -> str:
        return f"{self.name.upper()}_SECRET_KEY"

    @property
    def secret_names(self) -> list[str]:
        """The `.env` values this service is given under their own names
        (besides its Django secret key, given as `DJANGO_SECRET_KEY`)."""
        return ["JWT_SIGNING_KEY", *link_key_names(self.name), *self.secrets]


SERVICES = [
    # One worker, whose hashing pool (auth_project/users/hashers.py) runs as
    # many Argon2id hashes at once as there are cores: two workers split a
    # burst unevenly and one idled while the other hashed. A sign-in holds its
    # thread while it waits for the pool, so 64 threads: a burst of 32 never
    # leaves /healthz, refresh or /auth/me waiting for a free one
    # (docs/auth.md, `make bench-auth`).
    Service(
        "auth",
        8001,
        "auth",
        gunicorn_workers=1,
        gunicorn_threads=64,
        secrets=("ADMIN_EMAIL", "ADMIN_PASSWORD"),  # seed_admin
    ),
    Service("catalog", 8002, "catalog"),
    Service("cart", 8003, None),
    Service("order", 8004, "orders", secrets=("WEBHOOK_SECRET",)),
    Service("payment", 8005, "payments", secrets=("WEBHOOK_SECRET",)),
    Service("gateway", 8000, None),
]


@dataclass(frozen=True)
class Worker:
    """A long-running management command beside a service, with its environment."""

    name: str
    service: str
    command: str

    def available(self) -> bool:
        """Whether the service has the command yet."""
        folder = service_get(self.service).folder
        return any(folder.glob(f"*/management/commands/{self.command}.py"))


WORKERS = [
    # Delivers the payment -> order callbacks from the outbox, with backoff.
    Worker("payment-worker", "payment", "deliver_callbacks"),
    # Cancels orders left unpaid past ORDER_PAYMENT_TIMEOUT.
    Worker("order-worker", "order", "expire_orders"),
]

ADMIN_EMAIL_DEFAULT = "admin@example.com"
ADMIN_PASSWORD_DEFAULT = "admin-password-change-me"
# Secrets of `.env` no service reads any more: dropped when `.env` is upgraded.
# SERVICE_SIGNING_KEY was one key shared by every service, replaced by one
# key per internal-call link.
DOTENV_OBSOLETE = ("SERVICE_SIGNING_KEY",)
# Every secret devstack hands out; a service never inherits one of these from
# devstack's own environment unless it is one of its own.
SECRET_NAMES = frozenset(
    {
        "DJANGO_SECRET_KEY",
        "JWT_SIGNING_KEY",
        "WEBHOOK_SECRET",
        "ADMIN_PASSWORD",
        "SERVICE_CALLER_KEYS",
        *DOTENV_OBSOLETE,
        *all_link_key_names(),
        *(service.secret_key_var for service in SERVICES),
    }
)


def service_get(name: str) -> Service:
    return next(service for service in SERVICES if service.name == name)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url_for(*, server_url: str, database: str) -> str:
    """The server's URL with its database name replaced."""
    parts = urlsplit(server_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, parts.fragment))


def _dotenv_wanted() -> dict[str, str | None]:
    """Every value `.env` holds, with its default (None: a random secret)."""
    return {
        "JWT_SIGNING_KEY": None,
        **{name: None for name in all_link_key_names()},
        "WEBHOOK_SECRET": None,
        **{service.secret_key_var: None for service in SERVICES},
        "ADMIN_EMAIL": ADMIN_EMAIL_DEFAULT,
        "ADMIN_PASSWORD": ADMIN_PASSWORD_DEFAULT,
        "SHOP_CURRENCY": "KZT",
    }


def _dotenv_parse(text: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def _dotenv_line_key(line: str) -> str:
    return (
        line.split("=", 1)[0].strip() if "=" in line and not line.lstrip().startswith("#") else ""
    )


def dotenv_ensure(path: Path) -> dict[str, str]:
    """Writes `.env` with random secrets on first start; returns its values.

    An existing `.env` is kept as it is, except that a value it lacks (one
    added since it was written, such as the service keys) is appended and an
    obsolete one (DOTENV_OBSOLETE) dropped. Values already in the environment
    are written as they are, never replaced by random ones."""
    old_lines = path.read_text().splitlines() if path.exists() else []
    values = _dotenv_parse("\n".join(old_lines))
    for name in DOTENV_OBSOLETE:
        values.pop(name, None)
    added = {
        key: os.environ.get(key) or default or secrets.token_urlsafe(48)
        for key, default in _dotenv_wanted().items()
        if key not in values
    }
    dropped = [line for line in old_lines if _dotenv_line_key(line) in DOTENV_OBSOLETE]
    if not added and not dropped:
        return values
    if old_lines:
        lines = [line for line in old_lines if line not in dropped]
        if added:
            lines.append("# Added by `make run` since (docs/security.md, Secrets).")
    else:
        lines = ["# Written by `make run` on first start. Local secrets: never commit this file."]
    lines += [f"{key}={value}" for key, value in added.items()]
    path.touch(mode=0o600)
    path.chmod(0o600)
    path.write_text("\n".join(lines) + "\n")
    return {**values, **added}


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
    """The process environment of one service: devstack's own environment
    without any secret, then only the secrets this service uses."""
    environment = {
        **{key: value for key, value in os.environ.items() if key not in SECRET_NAMES},
        **{name: secrets_[name] for name in service.secret_names if name in secrets_},
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
    if "SHOP_CURRENCY" in secrets_:
        environment["SHOP_CURRENCY"] = secrets_["SHOP_CURRENCY"]
    if service.database:
        environment["DATABASE_URL"] = database_url_for(
            server_url=database_server_url, database=f"{database_prefix}{service.database}"
        )
    return environment
