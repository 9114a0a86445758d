"""Serializer pieces shared by several views of the users app."""

from rest_framework import serializers

from users.models import User

# Generous for passphrases, small enough that hashing stays cheap.
PASSWORD_MAX_LENGTH = 256


class StrictCharField(serializers.CharField):
    """A CharField that refuses numbers and booleans instead of turning them
    into text: `{"password": 12345678}` is a client bug, not a password."""

    default_error_messages = {"invalid": "Must be a string."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictEmailField(StrictCharField, serializers.EmailField):
    default_error_messages = {
        "invalid": serializers.EmailField.default_error_messages["invalid"],
    }


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
