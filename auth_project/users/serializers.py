"""Serializer pieces shared by several views of the users app."""

from rest_framework import serializers

from shop_common.fields import StrictCharField
from users.models import EMAIL_MAX_LENGTH, User, email_normalize

# Generous for passphrases, small enough that hashing stays cheap.
PASSWORD_MAX_LENGTH = 256


class StrictEmailField(StrictCharField, serializers.EmailField):
    default_error_messages = {
        "invalid": serializers.EmailField.default_error_messages["invalid"],
    }


class NormalizedEmailField(StrictEmailField):
    """An email in its stored form (trimmed, lower case), validated in that
    form: lower-casing can lengthen it, and a form over the column's length
    must be a 400 here, not a DataError at the insert."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", EMAIL_MAX_LENGTH)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        return email_normalize(super().to_internal_value(data))


def password_field() -> StrictCharField:
    """A write-only password field kept exactly as typed (no trimming)."""
    return StrictCharField(
        write_only=True,
        trim_whitespace=False,
        max_length=PASSWORD_MAX_LENGTH,
        style={"input_type": "password"},
    )


class UserSerializer(serializers.ModelSerializer):
    """A user as every endpoint shows one."""

    class Meta:
        model = User
        fields = ["id", "email", "role", "is_active", "created_at"]
        read_only_fields = fields


class DetailSerializer(serializers.Serializer):
    """The body of every error other than a 400 validation error."""

    detail = serializers.CharField()
