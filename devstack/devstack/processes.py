"""Starts child processes with prefixed output and stops them all together."""

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

COLOURS = ["36", "32", "33", "35", "34", "31", "96", "92"]


class ProcessGroup:
    def __init__(self, *, log_dir: Path | None = None, echo: bool = True):
        self.processes: list[tuple[str, subprocess.Popen]] = []
        self.log_dir = log_dir
        self.echo = echo
        self._lock = threading.Lock()

    def start(
        self, name: str, args: list[str], *, cwd: Path, env: dict[str, str]
    ) -> subprocess.Popen:
        process = subprocess.Popen(
            args,
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            text=True,
            bufsize=1,
        )
        self.processes.append((name, process))
        colour = COLOURS[len(self.processes) % len(COLOURS)]
        log = open(self.log_dir / f"{name}.log", "a") if self.log_dir else None  # noqa: SIM115
        threading.Thread(target=self._pump, args=(name, colour, process, log), daemon=True).start()
        return process

    def _pump(self, name, colour, process, log) -> None:
        prefix = f"\033[{colour}m{name:>14} |\033[0m " if sys.stdout.isatty() else f"{name:>14} | "
        for line in process.stdout:
            if log:
                log.write(line)
                log.flush()
            if self.echo:
                with self._lock:
                    sys.stdout.write(prefix + line)
                    sys.stdout.flush()
        if log:
            log.close()

    def exited(self) -> list[tuple[str, int]]:
        return [(name, p.returncode) for name, p in self.processes if p.poll() is not None]

    def stop(self, timeout: float = 10) -> None:
        for _, process in self.processes:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for _, process in self.processes:
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
