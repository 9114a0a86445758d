"""Forms of the Django admin for users."""

from django import forms
from django.contrib.auth.forms import AdminPasswordChangeForm, BaseUserCreationForm

from users.models import User
from users.services import user_refresh_tokens_revoke


class UserCreationForm(BaseUserCreationForm):
    """Email, role and the password typed twice (checked by the validators)."""

    class Meta:
        model = User
        fields = ("email", "role")


class UserChangeForm(forms.ModelForm):
    """Every editable field but the password: the hash is never shown, and
    passwords are changed on Django's own password form."""

    class Meta:
        model = User
        fields = ("email", "role", "is_active", "is_superuser", "groups", "user_permissions")


class PasswordChangeForm(AdminPasswordChangeForm):
    """Django's admin password form; a reset also ends the user's sessions,
    as when the user changes it, since staff reset passwords of accounts that
    may be compromised."""

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=commit)
        if commit:
            user_refresh_tokens_revoke(user=user)
        return user
