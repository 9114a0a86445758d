"""Forms of the Django admin for users."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AdminPasswordChangeForm, BaseUserCreationForm
from django.core.exceptions import ValidationError

from shop_common.errors import ServiceUnavailable
from users import login_throttle
from users.models import User, email_normalize
from users.services import user_refresh_tokens_revoke


class AdminLoginForm(AdminAuthenticationForm):
    """The admin sign-in form under the same failed-login limits as
    `POST /auth/login`. Django's form calls authenticate() directly, so
    without this the admin page would allow unlimited guesses at the
    passwords of the accounts that matter most."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "throttled": "Too many failed sign-in attempts. Try again later.",
        "unavailable": "Sign-in is unavailable right now. Try again later.",
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not (username and password):
            return super().clean()
        email = email_normalize(username)
        address = login_throttle.client_address_get(request=self.request) if self.request else ""
        try:
            if login_throttle.login_throttle_wait(email=email, address=address) is not None:
                raise ValidationError(self.error_messages["throttled"], code="throttled")
            try:
                cleaned_data = super().clean()
            except ValidationError:
                # Wrong password, inactive, or not staff: each is a failed sign-in.
                login_throttle.login_failure_record(email=email, address=address)
                raise
            login_throttle.login_failures_forget(email=email, address=address)
        except ServiceUnavailable as exc:
            # Without its counters the page refuses, as the API answers 503.
            raise ValidationError(self.error_messages["unavailable"], code="unavailable") from exc
        return cleaned_data


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
