"""`manage.py expire_orders`: the worker that cancels orders left unpaid longer
than `ORDER_PAYMENT_TIMEOUT_SECONDS` (their stock goes back to the catalog)
and prunes the callback signatures too old to be replayed. It loops until
SIGTERM or Ctrl-C; several may run at once (orders are taken with SKIP
LOCKED, see `services.order_expire_due`)."""

import argparse
import logging
import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections, connection

from orders.services import callback_signatures_prune, order_expire_due

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Cancels orders left unpaid longer than ORDER_PAYMENT_TIMEOUT_SECONDS, putting "
        "their stock back, and prunes old callback signatures; loops until stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Do one pass, then exit.")
        parser.add_argument(
            "--interval",
            type=float,
            default=settings.ORDER_EXPIRY_POLL_SECONDS,
            help="Seconds between passes when the last one found less than a batch "
            "(default ORDER_EXPIRY_POLL_SECONDS, 30).",
        )
        parser.add_argument(
            "--batch", type=int, default=50, help="Orders expired per pass at most."
        )
        parser.add_argument(
            "--prune",
            action=argparse.BooleanOptionalAction,
            default=True,
            help="Delete the accepted callback signatures too old to be replayed, on "
            "every pass (the default; --no-prune leaves them).",
        )

    def handle(self, *args, once: bool, interval: float, batch: int, prune: bool, **options):
        # The loop sleeps only when a pass did less than a full batch: a zero
        # batch or interval would poll the database without pause.
        if batch < 1:
            raise CommandError("--batch must be at least 1.")
        if interval <= 0:
            raise CommandError("--interval must be more than 0 seconds.")
        stopping = threading.Event()

        def stop(signum, frame):
            # Finish the order in hand, then leave.
            logger.info("expire_orders: signal %s, stopping", signum)
            stopping.set()

        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)

        logger.info(
            "expire_orders: started (timeout %ss, interval %.1fs)",
            settings.ORDER_PAYMENT_TIMEOUT_SECONDS,
            interval,
        )
        while not stopping.is_set():
            if not connection.in_atomic_block:
                # Drop a connection the database closed, as Django does
                # between requests (never inside a caller's transaction).
                close_old_connections()
            busy = False
            try:
                result = order_expire_due(limit=batch, should_stop=stopping.is_set)
                # A full batch with no failure: more may be due, go on at once.
                # A failure (catalog unreachable) waits, not to hammer it.
                busy = result.expired >= batch and not result.failed
                if prune:
                    pruned = callback_signatures_prune()
                    if pruned:
                        logger.info("expire_orders: pruned %s old callback signatures", pruned)
            except DatabaseError:
                # The database is down or restarting: wait and try again
                # rather than die and lose the loop.
                logger.exception("expire_orders: database error")
            if once:
                break
            if not busy:
                stopping.wait(interval)
        logger.info("expire_orders: stopped")
