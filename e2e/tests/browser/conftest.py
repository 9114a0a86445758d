"""Browser fixtures: Playwright for Python driving Debian's chromium
(/usr/bin/chromium, headless) against the gateway that `make test` started.

Screenshots go to e2e/screenshots/ (git-ignored), rewritten at each run."""

import contextlib
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import url

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
# The probe's flags: no sandbox as root, and no background calls to the
# internet, which this machine's closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"no chromium at {CHROMIUM}: install it with `apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser profile on the gateway; `page.dialogs` records every
    JavaScript dialog that opened (an XSS would open one)."""
    context = browser.new_context(base_url=url("gateway"), viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.dialogs = []

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    """Saves a full-page screenshot as e2e/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _service_process_group(name: str) -> int:
    pids = dict(
        item.split("=", 1) for item in os.environ.get("E2E_SERVICE_PIDS", "").split(",") if item
    )
    if name not in pids:
        pytest.fail(f"E2E_SERVICE_PIDS names no {name}: run the e2e suite through `make test`")
    return int(pids[name])


@contextlib.contextmanager
def service_stopped(name: str) -> Iterator[None]:
    """Stops a running service (SIGSTOP to its whole process group: it
    answers nothing and its callers time out), and resumes it afterwards."""
    group = _service_process_group(name)
    os.killpg(group, signal.SIGSTOP)
    try:
        yield
    finally:
        os.killpg(group, signal.SIGCONT)
