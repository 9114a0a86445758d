import datetime
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.utils import timezone

from orders.management.commands import expire_orders
from orders.models import AcceptedCallbackSignature, Order
from orders.services import SIGNATURE_KEEP_SECONDS, ExpiryPass
from orders.status import OrderStatus
from orders.tests.factories import OrderFactory

pytestmark = pytest.mark.django_db


def _old_order() -> Order:
    return OrderFactory(created_at=timezone.now() - datetime.timedelta(hours=1))


def _old_signature() -> AcceptedCallbackSignature:
    return AcceptedCallbackSignature.objects.create(
        digest="a" * 64,
        signed_at=timezone.now() - datetime.timedelta(seconds=SIGNATURE_KEEP_SECONDS + 5),
        order_id=OrderFactory().id,
    )


def _until_sigterm(**options) -> None:
    """Runs the loop in this (main) thread; the test sends SIGTERM from inside."""
    previous = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    assert threading.current_thread() is threading.main_thread()
    try:
        call_command("expire_orders", **options)
    finally:
        signal.signal(signal.SIGTERM, previous[0])
        signal.signal(signal.SIGINT, previous[1])


def test_once_expires_what_is_due_prunes_old_signatures_and_exits(stubs):
    stubs.release()
    order = _old_order()
    _old_signature()

    call_command("expire_orders", "--once")

    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert not AcceptedCallbackSignature.objects.exists()


def test_no_prune_leaves_the_signatures(stubs):
    _old_signature()

    call_command("expire_orders", "--once", "--no-prune")

    assert AcceptedCallbackSignature.objects.count() == 1


def test_sigterm_stops_the_loop_after_the_current_pass(stubs, monkeypatch):
    stubs.release()
    order = _old_order()
    passes = []
    real_expire = expire_orders.order_expire_due

    def expire_then_terminate(**kwargs):
        passes.append(kwargs)
        result = real_expire(**kwargs)
        os.kill(os.getpid(), signal.SIGTERM)
        return result

    monkeypatch.setattr(expire_orders, "order_expire_due", expire_then_terminate)

    _until_sigterm(interval=0.01)

    assert len(passes) == 1
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED


def test_ctrl_c_stops_the_loop_too(monkeypatch):
    passes = []

    def interrupted(**kwargs):
        passes.append(1)
        os.kill(os.getpid(), signal.SIGINT)
        return ExpiryPass(expired=0, failed=0)

    monkeypatch.setattr(expire_orders, "order_expire_due", interrupted)

    _until_sigterm(interval=0.01)

    assert len(passes) == 1


def test_a_database_error_is_survived_and_the_loop_goes_on(monkeypatch):
    calls = []

    def flaky(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("database restarting")
        os.kill(os.getpid(), signal.SIGTERM)
        return ExpiryPass(expired=0, failed=0)

    monkeypatch.setattr(expire_orders, "order_expire_due", flaky)

    _until_sigterm(interval=0.01)

    assert len(calls) == 2


def test_a_full_batch_goes_on_at_once_and_a_failure_waits(monkeypatch):
    waits = []
    results = iter(
        [
            ExpiryPass(expired=2, failed=0),  # full batch: no wait
            ExpiryPass(expired=2, failed=1),  # the catalog failed: wait
            ExpiryPass(expired=0, failed=0),  # nothing more: wait
        ]
    )

    def next_pass(**kwargs):
        result = next(results, None)
        if result is None:
            os.kill(os.getpid(), signal.SIGTERM)
            return ExpiryPass(expired=0, failed=0)
        return result

    real_wait = threading.Event.wait

    def recorded_wait(self, timeout=None):
        waits.append(timeout)
        return real_wait(self, 0)

    monkeypatch.setattr(expire_orders, "order_expire_due", next_pass)
    monkeypatch.setattr(threading.Event, "wait", recorded_wait)

    _until_sigterm(interval=7, batch=2, prune=False)

    # Passes 2 and 3 waited, and the one that met SIGTERM; pass 1 did not.
    assert waits == [7, 7, 7]


@pytest.mark.parametrize(("option", "value"), [("--batch", "0"), ("--interval", "0")])
def test_options_that_would_make_the_loop_spin_are_refused(stubs, option, value):
    order = _old_order()

    with pytest.raises(CommandError):
        call_command("expire_orders", "--once", option, value)

    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert len(stubs.mock.calls) == 0


@pytest.mark.django_db(transaction=True)
def test_the_worker_process_loops_until_sigterm_and_exits_cleanly(settings):
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "LOG_LEVEL": "INFO",  # the test waits for the "started" line
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
    }
    manage = Path(__file__).resolve().parents[2] / "manage.py"
    worker = subprocess.Popen(
        [sys.executable, str(manage), "expire_orders", "--interval", "0.1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        # Signal only once the loop runs (its handlers are in place).
        started = []
        for line in worker.stdout:
            started.append(line)
            if "expire_orders: started" in line:
                break
        assert worker.poll() is None, "".join(started)
        time.sleep(0.3)  # a pass or two
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == 0, "".join(started) + output
    assert "expire_orders: stopped" in output
