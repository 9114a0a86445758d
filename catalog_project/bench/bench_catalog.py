"""`make bench-catalog`: throughput and latency of the catalog's public reads.

Self-contained: starts a throwaway PostgreSQL in a temporary folder (never the
`make run` data), migrates, loads 10,000 products with 2 categories and
3 images each (`manage.py bench_load`), serves the catalog with gunicorn
exactly as `make run` does (devstack.stack.gunicorn_command), then drives
each case with N concurrent keep-alive connections for D seconds:

    /healthz          the framework's floor (no I/O)
    list page 1       GET /products?page=1
    list page 250     GET /products?page=250 (offset 4980)
    detail            GET /products/<id>

and prints requests per second, p50 and p99 latency, and each case's
throughput as a fraction of /healthz. Uses `wrk` when it is on PATH, else a
built-in generator (processes of threads, one http.client connection each).
Everything it started is stopped, and the folder removed, at exit.

    .venv/bin/python catalog_project/bench/bench_catalog.py [--duration 20] [--connections 32]
"""

import argparse
import http.client
import json
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from devstack.postgres import Postgres, database_ensure
from devstack.services import database_url_for, free_port
from devstack.stack import gunicorn_command
from shop_common.internal_calls import link_key_names

CATALOG_DIR = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PRODUCTS = 10_000
WORKERS = 2
THREADS = 4
WARMUP_SECONDS = 2.0
BENCH_PLACEHOLDER = "bench-only-placeholder-secret-not-for-production"


@dataclass
class Result:
    case: str
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


# --- the built-in load generator ----------------------------------------------
def _connection_loop(port: int, path: str, deadline: float, sink: list, errors: list) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies = []
    failed = 0
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                failed += 1
                continue
        except (OSError, http.client.HTTPException):
            failed += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append(time.perf_counter() - started)
    connection.close()
    sink.extend(latencies)
    errors.append(failed)


def _process_run(port: int, path: str, threads: int, seconds: float) -> tuple[list[float], int]:
    deadline = time.perf_counter() + seconds
    latencies: list[float] = []
    errors: list[int] = []
    workers = [
        threading.Thread(target=_connection_loop, args=(port, path, deadline, latencies, errors))
        for _ in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return latencies, sum(errors)


def _python_load(*, case: str, port: int, path: str, connections: int, seconds: float) -> Result:
    # Several processes, so the client is not limited to one core by the GIL.
    processes = max(1, min(connections, os.cpu_count() or 1, 8))
    shares = [connections // processes + (i < connections % processes) for i in range(processes)]
    context = multiprocessing.get_context("fork")
    with context.Pool(processes) as pool:
        outcomes = pool.starmap(_process_run, [(port, path, share, seconds) for share in shares])
    latencies = sorted(value for values, _ in outcomes for value in values)
    return Result(
        case=case,
        requests=len(latencies),
        errors=sum(failed for _, failed in outcomes),
        # Each connection counts only the requests it finished within `seconds`.
        seconds=seconds,
        p50_ms=_percentile(latencies, 0.50) * 1000,
        p99_ms=_percentile(latencies, 0.99) * 1000,
    )


# --- wrk ----------------------------------------------------------------------
def _wrk_ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def _wrk_load(*, case: str, port: int, path: str, connections: int, seconds: float) -> Result:
    output = subprocess.run(  # noqa: S603 (fixed arguments)
        [  # noqa: S607 (wrk from PATH, as the user runs it)
            "wrk", "-t2", f"-c{connections}", f"-d{max(1, int(seconds))}s", "--latency",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    requests = int(re.search(r"(\d+) requests in ([\d.]+)(\w+)", output).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Result(
        case=case,
        requests=requests,
        errors=errors,
        seconds=requests / rps if rps else seconds,
        p50_ms=_wrk_ms(re.search(r"50%\s+(\S+)", output).group(1)),
        p99_ms=_wrk_ms(re.search(r"99%\s+(\S+)", output).group(1)),
    )


# --- the stack under test -------------------------------------------------------
class Bench:
    def __init__(self, *, products: int):
        self.products = products
        self.folder = Path(tempfile.mkdtemp(prefix="bench-catalog-"))
        self.postgres = Postgres(data_dir=self.folder / "pg", port=free_port(), fast=False)
        self.port = free_port()
        self.gunicorn: subprocess.Popen | None = None
        self.log = None

    def environment(self) -> dict[str, str]:
        metrics = self.folder / "metrics"
        metrics.mkdir(exist_ok=True)
        return {
            **os.environ,
            "DATABASE_URL": database_url_for(
                server_url=self.postgres.url("postgres"), database="catalog_bench"
            ),
            "DJANGO_SECRET_KEY": BENCH_PLACEHOLDER,
            "JWT_SIGNING_KEY": BENCH_PLACEHOLDER,
            **{name: BENCH_PLACEHOLDER for name in link_key_names("catalog")},
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "PROMETHEUS_MULTIPROC_DIR": str(metrics),
            "PYTHONUNBUFFERED": "1",
        }

    def manage(self, *args: str) -> None:
        subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
            [PYTHON, "manage.py", *args], cwd=CATALOG_DIR, env=self.environment(), check=True
        )

    def start(self) -> None:
        print(f"bench: PostgreSQL and data in {self.folder}", flush=True)
        self.postgres.start()
        database_ensure(server_url=self.postgres.url("postgres"), name="catalog_bench")
        self.manage("migrate", "--noinput", "--verbosity", "0")
        started = time.monotonic()
        self.manage("bench_load", "--products", str(self.products))
        print(f"bench: loaded in {time.monotonic() - started:.1f}s", flush=True)
        self.log = open(self.folder / "gunicorn.log", "w")  # noqa: SIM115 (closed in stop)
        self.gunicorn = subprocess.Popen(  # noqa: S603 (devstack's gunicorn command)
            gunicorn_command(port=self.port, workers=WORKERS, threads=THREADS),
            cwd=CATALOG_DIR,
            env=self.environment(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        self._wait_ready()

    def _wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.gunicorn.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {self.folder / 'gunicorn.log'}")
            try:
                status, _ = self.get("/readyz")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit("the catalog did not become ready")

    def get(self, path: str) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def stop(self) -> None:
        if self.gunicorn and self.gunicorn.poll() is None:
            os.killpg(self.gunicorn.pid, signal.SIGTERM)
            try:
                self.gunicorn.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.gunicorn.pid, signal.SIGKILL)
                self.gunicorn.wait()
        if self.log:
            self.log.close()
        self.postgres.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def _table(results: list[Result], floor: Result, *, connections: int, seconds: float) -> str:
    lines = [
        f"catalog under gunicorn ({WORKERS} workers x {THREADS} threads), "
        f"{connections} connections, {seconds:g}s per case, {os.cpu_count()} CPUs",
        f"{'case':<16}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'vs /healthz':>13}{'errors':>8}",
    ]
    for result in results:
        ratio = result.rps / floor.rps if floor.rps else float("nan")
        lines.append(
            f"{result.case:<16}{result.rps:>10.1f}{result.p50_ms:>10.1f}{result.p99_ms:>10.1f}"
            f"{ratio:>13.2f}{result.errors:>8}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per case")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--products", type=int, default=PRODUCTS)
    args = parser.parse_args()

    # SIGTERM unwinds like Ctrl-C, so the finally block stops everything.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    load = _wrk_load if shutil.which("wrk") else _python_load
    print(f"bench: load generator: {'wrk' if load is _wrk_load else 'built-in Python'}")
    bench = Bench(products=args.products)
    try:
        bench.start()
        status, body = bench.get("/products?page=1&page_size=1")
        if status != 200:
            raise SystemExit(f"GET /products answered {status}")
        product_id = json.loads(body)["results"][0]["id"]
        cases = [
            ("/healthz", "/healthz"),
            ("list page 1", "/products?page=1"),
            ("list page 250", "/products?page=250"),
            ("detail", f"/products/{product_id}"),
        ]
        for _, path in cases:
            status, _ = bench.get(path)
            if status != 200:
                raise SystemExit(f"GET {path} answered {status}")
        results = []
        for case, path in cases:
            load(
                case=case,
                port=bench.port,
                path=path,
                connections=args.connections,
                seconds=min(WARMUP_SECONDS, args.duration),
            )
            result = load(
                case=case,
                port=bench.port,
                path=path,
                connections=args.connections,
                seconds=args.duration,
            )
            print(f"bench: {case}: {result.rps:.1f} req/s", flush=True)
            results.append(result)
        print()
        print(_table(results, results[0], connections=args.connections, seconds=args.duration))
    finally:
        bench.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
