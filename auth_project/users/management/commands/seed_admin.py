import os

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.management.base import BaseCommand, CommandError
from rest_framework.exceptions import ValidationError

from users.services import user_admin_seed


class Command(BaseCommand):
    help = (
        "Creates or updates the admin from ADMIN_EMAIL and ADMIN_PASSWORD "
        "(active, role admin, staff, superuser). Idempotent."
    )

    def handle(self, *args, **options):
        email = os.environ.get("ADMIN_EMAIL", "").strip()
        password = os.environ.get("ADMIN_PASSWORD", "")
        missing = [
            name
            for name, value in (("ADMIN_EMAIL", email), ("ADMIN_PASSWORD", password))
            if not value
        ]
        if missing:
            raise CommandError(f"Set {' and '.join(missing)} in the environment.")
        try:
            result = user_admin_seed(email=email, password=password)
        except ValidationError as exc:
            # A password the validators refuse.
            raise CommandError(f"Admin not seeded: {exc.detail}") from exc
        except DjangoValidationError as exc:
            # full_clean(): e.g. a malformed email.
            raise CommandError(f"Admin not seeded: {'; '.join(exc.messages)}") from exc
        if result.created:
            action = "Created"
        elif result.password_changed:
            action = "Updated (new password)"
        else:
            action = "Updated"
        self.stdout.write(self.style.SUCCESS(f"{action} admin {result.user.email}"))
