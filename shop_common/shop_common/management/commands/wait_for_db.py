import time

from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connections


class Command(BaseCommand):
    help = "Waits until the default database accepts connections."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait")

    def handle(self, *args, timeout: float, **options):
        deadline = time.monotonic() + timeout
        while True:
            try:
                connections["default"].ensure_connection()
            except OperationalError as exc:
                if time.monotonic() >= deadline:
                    raise CommandError(f"database unavailable after {timeout:.0f}s: {exc}") from exc
                time.sleep(0.5)
                continue
            self.stdout.write(self.style.SUCCESS("database available"))
            return
