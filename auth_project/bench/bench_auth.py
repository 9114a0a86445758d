"""`make bench-auth`: sign-in capacity of the auth service, Argon2id against PBKDF2.

Self-contained: starts a throwaway PostgreSQL and Redis in a temporary folder
(never the `make run` data), migrates, and serves the auth service with
gunicorn exactly as `make run` does (devstack.stack.gunicorn_command with the
auth service's own sizing, devstack.stack.gunicorn_sizing), twice on two
ports: with the production hashers (Argon2id first), and with PBKDF2 first
(bench/pbkdf2_settings.py), the hasher every password had before.

After a warm-up round on each, the two take turns for `--rounds` rounds (so
that a change in the machine's load falls on both alike). A round is two
bursts: `--burst` concurrent registrations of new users, then as many
concurrent logins of those users, every request on its own connection. While
a burst runs, one process polls /healthz every 50 ms and another cycles
through /readyz, /auth/me and /auth/refresh at the same pace: the traffic
that must not wait behind the hashing.

For each hasher and burst it prints completions per second (successful
requests over the bursts' wall time), p50 and p99 latency, errors, the
server's CPU time per request and its memory, and the probes' p99 and worst
latency; then a line per target, met or NOT met. The exit status is 1 when a
target is not met. Everything it started is stopped, and the folder removed,
at exit.

    .venv/bin/python auth_project/bench/bench_auth.py [--burst 32] [--rounds 5]
"""

import argparse
import http.client
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from devstack.postgres import Postgres, database_ensure
from devstack.redis_server import RedisServer
from devstack.services import SERVICES, database_url_for, free_port
from devstack.stack import gunicorn_command, gunicorn_sizing
from shop_common.internal_calls import link_key_names

AUTH_DIR = Path(__file__).resolve().parents[1]
AUTH = next(service for service in SERVICES if service.name == "auth")
PYTHON = sys.executable
BENCH_PLACEHOLDER = "bench-only-placeholder-secret-not-for-production"
PASSWORD = "bench-passphrase-Quiet-Otter-71"  # passes the password validators

# Hasher lists by name: production settings, and PBKDF2 first for comparison.
HASHER_SETTINGS = {
    "Argon2id": "config.settings.base",
    "PBKDF2": "bench.pbkdf2_settings",
}
PROBE_INTERVAL = 0.05  # seconds between probe requests

TARGET_SPEEDUP = 8.0  # Argon2id logins per second over PBKDF2's
TARGET_LOGIN_P99_MS = 2000.0
TARGET_HEALTHZ_MS = 100.0

# The one-off cost of each hasher, measured inside the service's own settings.
HASH_COST_CODE = """
import json, time
from django.contrib.auth.hashers import get_hashers, make_password
costs = {}
for hasher in get_hashers():
    make_password("warm-up", hasher=hasher.algorithm)
    times = []
    for _ in range(5):
        started = time.perf_counter()
        make_password("bench-cost", hasher=hasher.algorithm)
        times.append(time.perf_counter() - started)
    costs[hasher.algorithm] = sorted(times)[len(times) // 2] * 1000
from django.conf import settings
print(json.dumps({"costs": costs, "pool": settings.AUTH_PASSWORD_HASH_CONCURRENCY}))
"""


def _percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


def _call(
    port: int, method: str, path: str, *, body: dict | None = None, token: str = ""
) -> tuple[int, dict | None]:
    """One request on a new connection; returns the status and the JSON body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Connection": "close"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        raw = response.read()
    finally:
        connection.close()
    try:
        return response.status, json.loads(raw) if raw else None
    except ValueError:
        return response.status, None


# --- bursts ---------------------------------------------------------------------
@dataclass
class Sample:
    ok: bool
    seconds: float
    finished: float


def _burst(port: int, calls: list[tuple[str, str, dict]], expected: int) -> tuple[list, float]:
    """Fires every call at once (one thread and connection each); returns the
    samples and the wall time from the start to the last answer."""
    barrier = threading.Barrier(len(calls) + 1)
    samples: list[Sample | None] = [None] * len(calls)

    def one(index: int) -> None:
        method, path, body = calls[index]
        barrier.wait()
        started = time.perf_counter()
        try:
            status, _ = _call(port, method, path, body=body)
            ok = status == expected
        except (OSError, http.client.HTTPException):
            ok = False
        finished = time.perf_counter()
        samples[index] = Sample(ok=ok, seconds=finished - started, finished=finished)

    threads = [threading.Thread(target=one, args=(index,)) for index in range(len(calls))]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return samples, max(sample.finished for sample in samples) - started


# --- probes: the traffic that must not starve -------------------------------------
def _probe_healthz(port: int, stop, sender) -> None:
    _probe_cycle(port, ["healthz"], {}, stop, sender)


def _probe_others(port: int, tokens: dict, stop, sender) -> None:
    _probe_cycle(port, ["readyz", "me", "refresh"], tokens, stop, sender)


def _probe_cycle(port: int, endpoints: list[str], tokens: dict, stop, sender) -> None:
    """Calls the endpoints in turn every PROBE_INTERVAL until `stop`; sends
    {endpoint: [seconds, or None for an error]} and the tokens, rotated by
    each refresh."""
    results: dict[str, list[float | None]] = {endpoint: [] for endpoint in endpoints}
    tick = time.perf_counter()
    turn = 0
    while not stop.is_set():
        endpoint = endpoints[turn % len(endpoints)]
        turn += 1
        started = time.perf_counter()
        try:
            if endpoint == "healthz":
                status, _ = _call(port, "GET", "/healthz")
            elif endpoint == "readyz":
                status, _ = _call(port, "GET", "/readyz")
            elif endpoint == "me":
                status, _ = _call(port, "GET", "/auth/me", token=tokens["access"])
            else:
                status, body = _call(
                    port, "POST", "/auth/refresh", body={"refresh": tokens["refresh"]}
                )
                if status == 200:
                    tokens.update(body)
            elapsed = time.perf_counter() - started
            results[endpoint].append(elapsed if status == 200 else None)
        except (OSError, http.client.HTTPException):
            results[endpoint].append(None)
        tick = max(tick + PROBE_INTERVAL, time.perf_counter())
        stop.wait(max(0.0, tick - time.perf_counter()))
    sender.send((results, tokens))


class Probes:
    """The pollers, each in its own process, so the burst's client threads
    never delay them (in the bench's process the GIL would)."""

    def __init__(self, *, port: int, tokens: dict):
        context = multiprocessing.get_context("fork")
        self.stop = context.Event()
        self.pipes = [context.Pipe(duplex=False) for _ in range(2)]
        self.processes = [
            context.Process(target=_probe_healthz, args=(port, self.stop, self.pipes[0][1])),
            context.Process(
                target=_probe_others, args=(port, dict(tokens), self.stop, self.pipes[1][1])
            ),
        ]
        self.tokens = dict(tokens)
        self.results: dict[str, list[float | None]] = {}

    def __enter__(self) -> "Probes":
        for process in self.processes:
            process.start()
        time.sleep(PROBE_INTERVAL)  # one probe of each before the burst starts
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop.set()
        for receiver, _ in self.pipes:
            results, tokens = receiver.recv()
            self.results.update(results)
            self.tokens.update(tokens)
        for process in self.processes:
            process.join()


# --- the server's CPU time and memory ----------------------------------------------
def _process_tree(pid: int) -> list[int]:
    """The process and its descendants (Linux /proc)."""
    tree, pending = [], [pid]
    while pending:
        current = pending.pop()
        tree.append(current)
        children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        pending += [int(child) for child in children]
    return tree


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of gunicorn and its workers; NaN without /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    try:
        total = 0.0
        for current in _process_tree(pid):
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    except (OSError, ValueError, IndexError):
        return float("nan")
    return total


def _rss_mib(pid: int) -> float:
    """Resident memory of gunicorn and its workers, MiB; NaN without /proc."""
    try:
        total_kib = 0
        for current in _process_tree(pid):
            status = Path(f"/proc/{current}/status").read_text()
            total_kib += int(status.split("VmRSS:", 1)[1].split()[0])
    except (OSError, ValueError, IndexError):
        return float("nan")
    return total_kib / 1024


# --- results -----------------------------------------------------------------------
@dataclass
class Case:
    hasher: str
    burst: str
    completions: int = 0
    errors: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    rss_mib: float = 0.0
    latencies: list[float] = field(default_factory=list)
    probes: dict[str, list[float | None]] = field(default_factory=dict)

    def add(self, samples: list[Sample], wall: float, cpu: float, rss: float, probes: dict) -> None:
        self.rss_mib = max(self.rss_mib, rss)
        self.completions += sum(sample.ok for sample in samples)
        self.errors += sum(not sample.ok for sample in samples)
        self.seconds += wall
        self.cpu_seconds += cpu
        self.latencies += [sample.seconds for sample in samples]
        for endpoint, values in probes.items():
            self.probes.setdefault(endpoint, []).extend(values)

    @property
    def rate(self) -> float:
        return self.completions / self.seconds if self.seconds else 0.0

    def latency_ms(self, fraction: float) -> float:
        return _percentile(sorted(self.latencies), fraction) * 1000

    @property
    def cpu_ms_per_request(self) -> float:
        requests = self.completions + self.errors
        return self.cpu_seconds / requests * 1000 if requests else float("nan")

    def probe_ms(self, endpoint: str) -> tuple[float, float, int]:
        """Returns (p99 ms, worst ms, errors) of a probe during this burst."""
        values = self.probes.get(endpoint, [])
        answered = sorted(value for value in values if value is not None)
        worst = answered[-1] * 1000 if answered else float("nan")
        return _percentile(answered, 0.99) * 1000, worst, len(values) - len(answered)


# --- the service under test -----------------------------------------------------------
class Server:
    """One gunicorn of the auth service with one hasher list, on its own port."""

    def __init__(self, *, label: str, folder: Path, environment: dict, workers: int, threads: int):
        self.label = label
        self.folder = folder
        self.environment = environment
        self.workers = workers
        self.threads = threads
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.log = None
        self.tokens: dict = {}  # the probe user's, rotated by the refresh probe
        self.cases = {name: Case(hasher=label, burst=name) for name in ("register", "login")}

    def start(self) -> None:
        self.log = open(self.folder / f"gunicorn-{self.label.lower()}.log", "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(  # noqa: S603 (devstack's gunicorn command)
            gunicorn_command(port=self.port, workers=self.workers, threads=self.threads),
            cwd=AUTH_DIR,
            env=self.environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {self.log.name}")
            try:
                if _call(self.port, "GET", "/readyz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.3)
        else:
            raise SystemExit(f"the auth service ({self.label}) did not become ready")
        credentials = {
            "email": f"{self.label.lower()}-probe@bench.example.com",
            "password": PASSWORD,
        }
        if _call(self.port, "POST", "/auth/register", body=credentials)[0] != 201:
            raise SystemExit("the probe user could not register")
        status, self.tokens = _call(self.port, "POST", "/auth/login", body=credentials)
        if status != 200:
            raise SystemExit("the probe user could not log in")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.log:
            self.log.close()

    def round(self, name: str, *, burst: int, measured: bool) -> None:
        """A burst of registrations of new users, then a burst of their logins."""
        bodies = [
            {
                "email": f"{self.label.lower()}-{name}-{index}@bench.example.com",
                "password": PASSWORD,
            }
            for index in range(burst)
        ]
        plans = [
            ("register", [("POST", "/auth/register", body) for body in bodies], 201),
            ("login", [("POST", "/auth/login", body) for body in bodies], 200),
        ]
        for case, calls, expected in plans:
            cpu_before = _cpu_seconds(self.process.pid)
            with Probes(port=self.port, tokens=self.tokens) as probes:
                samples, wall = _burst(self.port, calls, expected)
            cpu = _cpu_seconds(self.process.pid) - cpu_before
            self.tokens.update(probes.tokens)
            if measured:
                self.cases[case].add(samples, wall, cpu, _rss_mib(self.process.pid), probes.results)


class Bench:
    def __init__(self, *, workers: int, threads: int):
        self.workers = workers
        self.threads = threads
        self.folder = Path(tempfile.mkdtemp(prefix="bench-auth-"))
        self.postgres = Postgres(data_dir=self.folder / "pg", port=free_port(), fast=False)
        self.redis = RedisServer(data_dir=self.folder / "redis", port=free_port(), persist=False)
        self.servers: list[Server] = []

    def environment(self, settings_module: str, label: str) -> dict[str, str]:
        metrics = self.folder / f"metrics-{label.lower()}"
        metrics.mkdir(exist_ok=True)
        return {
            **os.environ,
            "DATABASE_URL": database_url_for(
                server_url=self.postgres.url("postgres"), database="auth_bench"
            ),
            "REDIS_URL": self.redis.url,
            "DJANGO_SECRET_KEY": BENCH_PLACEHOLDER,
            "JWT_SIGNING_KEY": BENCH_PLACEHOLDER,
            **{name: BENCH_PLACEHOLDER for name in link_key_names("auth")},
            "DJANGO_SETTINGS_MODULE": settings_module,
            "PROMETHEUS_MULTIPROC_DIR": str(metrics),
            "PYTHONUNBUFFERED": "1",
        }

    def manage(self, *args: str) -> str:
        """Runs a management command; returns its output, or exits with it."""
        result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
            [PYTHON, "manage.py", *args],
            cwd=AUTH_DIR,
            env=self.environment("config.settings.base", "manage"),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise SystemExit(f"manage.py {args[0]} failed:\n{result.stdout}{result.stderr}")
        return result.stdout

    def start(self, labels: list[str]) -> None:
        print(f"bench: PostgreSQL, Redis and logs in {self.folder}", flush=True)
        self.postgres.start()
        self.redis.start()
        database_ensure(server_url=self.postgres.url("postgres"), name="auth_bench")
        self.manage("migrate", "--noinput", "--verbosity", "0")
        for label in labels:
            server = Server(
                label=label,
                folder=self.folder,
                environment=self.environment(HASHER_SETTINGS[label], label),
                workers=self.workers,
                threads=self.threads,
            )
            self.servers.append(server)
            server.start()

    def hashing(self) -> dict:
        """Returns {"costs": {algorithm: ms per hash, one at a time}, "pool":
        Argon2id hashes at once per worker}, as the service's settings say."""
        output = self.manage("shell", "--verbosity", "0", "--command", HASH_COST_CODE)
        return json.loads(output.strip().splitlines()[-1])

    def run(self, *, burst: int, rounds: int) -> list[Case]:
        """Rounds of bursts, the hasher lists taking turns so that a change in
        the machine's load falls on both alike; returns every case."""
        for server in self.servers:
            server.round("warmup", burst=burst, measured=False)
        for round_ in range(rounds):
            for server in self.servers:
                server.round(f"r{round_}", burst=burst, measured=True)
            print(
                f"bench: round {round_ + 1}/{rounds}: logins/s so far "
                + ", ".join(f"{s.label} {s.cases['login'].rate:.1f}" for s in self.servers),
                flush=True,
            )
        return [case for server in self.servers for case in server.cases.values()]

    def stop(self) -> None:
        for server in self.servers:
            server.stop()
        self.redis.stop()
        self.postgres.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


# --- the report ------------------------------------------------------------------------
def _table(cases: list[Case], *, bench: Bench, burst: int, rounds: int, hashing: dict) -> str:
    costs = hashing["costs"]
    lines = [
        f"auth under gunicorn ({bench.workers} workers x {bench.threads} threads, gthread), "
        f"bursts of {burst} concurrent requests, {rounds} rounds, {os.cpu_count()} CPUs",
        f"Argon2id hashes at once per worker: {hashing['pool']}; one hash, alone: "
        + ", ".join(f"{algorithm} {ms:.0f} ms" for algorithm, ms in costs.items()),
        "",
        f"{'hasher':<10}{'burst':<10}{'done/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
        f"{'CPU ms/req':>12}{'RSS MiB':>9}",
    ]
    for case in cases:
        lines.append(
            f"{case.hasher:<10}{case.burst:<10}{case.rate:>8.1f}{case.latency_ms(0.5):>9.0f}"
            f"{case.latency_ms(0.99):>9.0f}{case.errors:>8}{case.cpu_ms_per_request:>12.1f}"
            f"{case.rss_mib:>9.0f}"
        )
    lines += [
        "",
        "during each burst, /healthz every 50 ms, the others in turn every 50 ms: "
        "p99 / worst ms (errors)",
        f"{'hasher':<10}{'burst':<10}"
        + "".join(f"{endpoint:>18}" for endpoint in ("/healthz", "/readyz", "/auth/me", "refresh")),
    ]
    for case in cases:
        cells = []
        for endpoint in ("healthz", "readyz", "me", "refresh"):
            p99, worst, errors = case.probe_ms(endpoint)
            cells.append(f"{p99:.0f} / {worst:.0f} ({errors})")
        lines.append(f"{case.hasher:<10}{case.burst:<10}" + "".join(f"{c:>18}" for c in cells))
    return "\n".join(lines)


def _targets(cases: list[Case], *, burst: int) -> list[tuple[bool, str]]:
    by_key = {(case.hasher, case.burst): case for case in cases}
    argon2_login = by_key[("Argon2id", "login")]
    pbkdf2_login = by_key.get(("PBKDF2", "login"))
    targets = []
    if pbkdf2_login and pbkdf2_login.rate:
        speedup = argon2_login.rate / pbkdf2_login.rate
        targets.append(
            (
                speedup >= TARGET_SPEEDUP,
                f"logins/s >= {TARGET_SPEEDUP:g}x PBKDF2: {argon2_login.rate:.1f} vs "
                f"{pbkdf2_login.rate:.1f} = {speedup:.2f}x",
            )
        )
    else:
        targets.append((False, "logins/s >= 8x PBKDF2: PBKDF2 not measured"))
    p99 = argon2_login.latency_ms(0.99)
    targets.append(
        (
            argon2_login.errors == 0 and p99 < TARGET_LOGIN_P99_MS,
            f"{burst} concurrent logins: no error, p99 < {TARGET_LOGIN_P99_MS:.0f} ms: "
            f"{argon2_login.errors} errors, p99 {p99:.0f} ms",
        )
    )
    _, worst, errors = argon2_login.probe_ms("healthz")
    targets.append(
        (
            errors == 0 and worst < TARGET_HEALTHZ_MS,
            f"/healthz under {TARGET_HEALTHZ_MS:.0f} ms during the login burst: "
            f"worst {worst:.0f} ms, {errors} errors",
        )
    )
    return targets


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_workers, default_threads = gunicorn_sizing(AUTH)
    parser.add_argument("--burst", type=int, default=32, help="concurrent requests per burst")
    parser.add_argument("--rounds", type=int, default=5, help="measured rounds per hasher")
    parser.add_argument("--workers", type=int, default=default_workers)
    parser.add_argument("--threads", type=int, default=default_threads)
    parser.add_argument(
        "--hashers",
        default=",".join(HASHER_SETTINGS),
        help="comma-separated, from: " + ", ".join(HASHER_SETTINGS),
    )
    args = parser.parse_args()
    labels = [label.strip() for label in args.hashers.split(",") if label.strip()]
    if "Argon2id" not in labels or not set(labels) <= set(HASHER_SETTINGS):
        parser.error(f"--hashers must include Argon2id and name only {list(HASHER_SETTINGS)}")

    # SIGTERM unwinds like Ctrl-C, so the finally block stops everything.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    bench = Bench(workers=args.workers, threads=args.threads)
    try:
        bench.start(labels)
        hashing = bench.hashing()
        cases = bench.run(burst=args.burst, rounds=args.rounds)
    finally:
        bench.stop()
    print()
    print(_table(cases, bench=bench, burst=args.burst, rounds=args.rounds, hashing=hashing))
    print()
    targets = _targets(cases, burst=args.burst)
    for met, text in targets:
        print(f"target {'met' if met else 'NOT met'}: {text}")
    return 0 if all(met for met, _ in targets) else 1


if __name__ == "__main__":
    sys.exit(main())
