import os
import signal
import threading

import pytest
from django.core.management import CommandError, call_command

from payments.management.commands import deliver_callbacks
from payments.models import CallbackStatus
from payments.tests.conftest import callback_url
from payments.tests.factories import CallbackOutboxFactory

pytestmark = pytest.mark.django_db


def test_once_delivers_what_is_due_and_exits(http):
    callback = CallbackOutboxFactory()
    http.post(callback_url(callback.order_id), json={})

    call_command("deliver_callbacks", "--once")

    callback.refresh_from_db()
    assert callback.status == CallbackStatus.DELIVERED


def test_sigterm_stops_the_loop_after_the_current_poll(http, monkeypatch):
    callback = CallbackOutboxFactory()
    http.post(callback_url(callback.order_id), json={})
    polls = []
    real_deliver = deliver_callbacks.callback_deliver_due

    def deliver_then_terminate(**kwargs):
        polls.append(kwargs)
        tried = real_deliver(**kwargs)
        os.kill(os.getpid(), signal.SIGTERM)
        return tried

    monkeypatch.setattr(deliver_callbacks, "callback_deliver_due", deliver_then_terminate)
    previous = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    assert threading.current_thread() is threading.main_thread()
    try:
        call_command("deliver_callbacks", "--interval", "0.01")
    finally:
        signal.signal(signal.SIGTERM, previous[0])
        signal.signal(signal.SIGINT, previous[1])

    assert len(polls) == 1
    callback.refresh_from_db()
    assert callback.status == CallbackStatus.DELIVERED


def test_a_database_error_is_survived_and_the_loop_goes_on(monkeypatch):
    from django.db import OperationalError

    calls = []

    def flaky(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("database restarting")
        os.kill(os.getpid(), signal.SIGTERM)
        return 0

    monkeypatch.setattr(deliver_callbacks, "callback_deliver_due", flaky)
    previous = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    try:
        call_command("deliver_callbacks", "--interval", "0.01")
    finally:
        signal.signal(signal.SIGTERM, previous[0])
        signal.signal(signal.SIGINT, previous[1])

    assert len(calls) == 2


@pytest.mark.parametrize(("option", "value"), [("--batch", "0"), ("--interval", "0")])
def test_options_that_would_make_the_loop_spin_are_refused(http, option, value):
    callback = CallbackOutboxFactory()

    with pytest.raises(CommandError):
        call_command("deliver_callbacks", "--once", option, value)

    callback.refresh_from_db()
    assert callback.status == CallbackStatus.PENDING
    assert len(http.calls) == 0
