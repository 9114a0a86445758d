"""`manage.py deliver_callbacks`: the worker that delivers the payment
callbacks of the outbox to the order service. `make run` and compose.yaml run
it; several may run at once (rows are taken with SKIP LOCKED)."""

import logging
import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections, connection

from payments.services import callback_deliver_due

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Delivers pending payment callbacks to the order service, retrying with backoff."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Process the callbacks due now, then exit."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=settings.PAYMENT_CALLBACK_POLL_SECONDS,
            help="Seconds between polls when nothing is due.",
        )
        parser.add_argument(
            "--batch", type=int, default=50, help="Callbacks sent per poll at most."
        )

    def handle(self, *args, once: bool, interval: float, batch: int, **options):
        # The loop sleeps only when a poll found fewer than `batch` callbacks:
        # a zero batch or interval would poll the database without pause.
        if batch < 1:
            raise CommandError("--batch must be at least 1.")
        if interval <= 0:
            raise CommandError("--interval must be more than 0 seconds.")
        stopping = threading.Event()

        def stop(signum, frame):
            # Finish the callback in flight, then leave.
            logger.info("deliver_callbacks: signal %s, stopping", signum)
            stopping.set()

        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)

        logger.info("deliver_callbacks: started (interval %.1fs)", interval)
        while not stopping.is_set():
            if not connection.in_atomic_block:
                # Drop a connection the database closed, as Django does
                # between requests (never inside a caller's transaction).
                close_old_connections()
            try:
                tried = callback_deliver_due(limit=batch, should_stop=stopping.is_set)
            except DatabaseError:
                # The database is down or restarting: wait and try again
                # rather than die and lose the loop.
                logger.exception("deliver_callbacks: database error")
                tried = 0
            if once:
                break
            if tried < batch:
                stopping.wait(interval)
        logger.info("deliver_callbacks: stopped")
