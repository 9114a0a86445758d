import os

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.management.base import BaseCommand, CommandError
from rest_framework.exceptions import ValidationError

from users.models import Role
from users.services import user_admin_seed


class Command(BaseCommand):
    help = (
        "Creates the admin from ADMIN_EMAIL and ADMIN_PASSWORD (active, role admin, "
        "staff, superuser) when no user has that email; an existing user is left as "
        "it is. With --reset-password, the existing user becomes the active admin "
        "with ADMIN_PASSWORD and its refresh tokens stop working."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-password",
            action="store_true",
            help="set ADMIN_PASSWORD on an existing user and make it an active admin",
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
            result = user_admin_seed(
                email=email, password=password, reset_password=options["reset_password"]
            )
        except ValidationError as exc:
            # A password the validators refuse.
            raise CommandError(f"Admin not seeded: {exc.detail}") from exc
        except DjangoValidationError as exc:
            # full_clean(): e.g. a malformed email.
            raise CommandError(f"Admin not seeded: {'; '.join(exc.messages)}") from exc
        user = result.user
        if result.created:
            self.stdout.write(self.style.SUCCESS(f"Created admin {user.email}"))
        elif result.password_changed:
            self.stdout.write(
                self.style.SUCCESS(f"Reset the password of admin {user.email}; signed out")
            )
        elif user.role == Role.ADMIN and user.is_active:
            self.stdout.write(
                f"Admin {user.email} exists: left as it is, password unchanged "
                "(--reset-password sets ADMIN_PASSWORD)"
            )
        else:
            # Never promote on its own: whoever holds this account chose its password.
            state = "inactive" if not user.is_active else f"role {user.role}"
            self.stderr.write(
                self.style.WARNING(
                    f"{user.email} exists ({state}): left as it is, not made an admin "
                    "(--reset-password makes it the active admin with ADMIN_PASSWORD)"
                )
            )
