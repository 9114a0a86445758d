"""The shop's users: the only place passwords live."""

import uuid

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from shop_common import roles

# RFC 5321's limit on a forward path, and Django's EmailField default.
EMAIL_MAX_LENGTH = 254


class Role(models.TextChoices):
    CUSTOMER = roles.CUSTOMER, "Customer"
    ADMIN = roles.ADMIN, "Admin"


def email_normalize(email: str) -> str:
    """Returns the stored form of an email: trimmed and entirely lower case.

    Django's own normalisation lowers only the domain; the shop treats the
    whole address case-insensitively, so it stores one spelling. Lower-casing
    can lengthen a string ("\u0130" becomes two characters), so length limits
    apply to this form, not to what was typed."""
    return email.strip().lower()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        # Sign-in (API and admin) looks users up by the normalised email.
        return self.get(email=email_normalize(username or ""))

    def create_user(self, email: str, password: str | None = None, **extra_fields) -> "User":
        """Returns a new, saved user; admins are staff so the Django admin admits them."""
        if not email:
            raise ValueError("A user needs an email address.")
        extra_fields.setdefault("role", Role.CUSTOMER)
        if extra_fields["role"] == Role.ADMIN:
            extra_fields.setdefault("is_staff", True)
        user = self.model(email=email_normalize(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra_fields) -> "User":
        """Returns a new, saved admin with every Django admin permission."""
        extra_fields.update(role=Role.ADMIN, is_staff=True, is_superuser=True, is_active=True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # unique=True keeps Django's auth checks and the exact lookup of a
    # normalised email on a plain index; the Lower() constraint below is what
    # makes uniqueness case-insensitive whatever wrote the row.
    email = models.EmailField("email address", max_length=EMAIL_MAX_LENGTH, unique=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.CUSTOMER)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text="Can sign in to this Django admin. Only admins can be staff."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="users_user_email_ci_unique",
                violation_error_message="A user with this email already exists.",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=roles.USER_ROLES),
                name="users_user_role_valid",
            ),
            # Customers never get into the admin, whatever a form says.
            models.CheckConstraint(
                condition=models.Q(is_staff=False) | models.Q(role=roles.ADMIN),
                name="users_user_staff_is_admin",
                violation_error_message="Only users with the admin role can be staff.",
            ),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    def clean(self) -> None:
        super().clean()
        self.email = email_normalize(self.email or "")
        # clean_fields() checked the length before normalising; the column
        # would refuse the longer form with a DataError (a 500 in the admin).
        if len(self.email) > EMAIL_MAX_LENGTH:
            raise ValidationError(
                {"email": f"Ensure this value has at most {EMAIL_MAX_LENGTH} characters."}
            )
        # The role decides admin access; is_staff follows it for Django's admin.
        self.is_staff = self.role == Role.ADMIN
