"""Reads of the users app."""

import uuid

from django.db.models.functions import Lower

from users.models import User, email_normalize


def user_email_taken(*, email: str) -> bool:
    """Returns whether a user has this email, in any letter case."""
    # Lower() matches the unique expression index, so this is an index lookup.
    return (
        User.objects.alias(email_lower=Lower("email"))
        .filter(email_lower=email_normalize(email))
        .exists()
    )


def user_get(*, user_id: uuid.UUID) -> User | None:
    """Returns the user with this id as stored now, or None."""
    return User.objects.filter(pk=user_id).first()
