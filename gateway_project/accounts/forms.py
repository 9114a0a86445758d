"""The account pages' forms. They check only what a form can (required,
lengths, the password typed twice); the auth and order services own every
other rule, and their refusals land on the form through
`ShopForm.refusal_show` (pages.forms)."""

from django import forms

from backends.orders import ADDRESS_FIELDS, ADDRESS_MAX_LENGTHS
from pages.forms import ShopForm

# The services' own limits (auth: email 254, password 256; order: address
# fields, ADDRESS_MAX_LENGTHS), so a 10 KB value is refused here instead of
# travelling on.
EMAIL_MAX_LENGTH = 254
PASSWORD_MAX_LENGTH = 256


def _password_field(*, label: str, autocomplete: str) -> forms.CharField:
    # Kept exactly as typed; PasswordInput never renders the value back.
    return forms.CharField(
        label=label,
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


def _email_field() -> forms.CharField:
    # The auth service owns the email rules (and normalises case): a text
    # field here, with the browser's email keyboard.
    return forms.CharField(
        label="Email",
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


def _typed_twice(form: ShopForm, *, first: str, again: str, message: str) -> None:
    """Puts `message` on `again` when both fields were read and differ: a
    password typed twice."""
    value, repeated = form.cleaned_data.get(first), form.cleaned_data.get(again)
    if value is not None and repeated is not None and value != repeated:
        form.add_error(again, message)


class RegisterForm(ShopForm):
    testids = {
        "email": "register-email",
        "password": "register-password",
        "password_again": "register-password-again",
    }

    email = _email_field()
    password = _password_field(label="Password", autocomplete="new-password")
    password_again = _password_field(label="Password again", autocomplete="new-password")

    def clean(self):
        cleaned = super().clean()
        _typed_twice(
            self, first="password", again="password_again", message="The two passwords differ."
        )
        return cleaned


class LoginForm(ShopForm):
    testids = {"email": "login-email", "password": "login-password"}

    email = _email_field()
    password = _password_field(label="Password", autocomplete="current-password")


class PasswordChangeForm(ShopForm):
    testids = {
        "old_password": "password-old",
        "new_password": "password-new",
        "new_password_again": "password-new-again",
    }

    old_password = _password_field(label="Current password", autocomplete="current-password")
    new_password = _password_field(label="New password", autocomplete="new-password")
    new_password_again = _password_field(label="New password again", autocomplete="new-password")

    def clean(self):
        cleaned = super().clean()
        _typed_twice(
            self,
            first="new_password",
            again="new_password_again",
            message="The two new passwords differ.",
        )
        return cleaned


class AddressForm(ShopForm):
    """A saved address. The order service checks postal codes, countries and
    phone numbers; its 400 errors come back beside these fields.

    `is_default` is sent only when ticked: the default address cannot be
    un-defaulted (another one is made the default instead), so the edit form
    of the default address has no such box (`default_fixed=True`)."""

    testids = {
        "name": "address-name",
        "line1": "address-line1",
        "line2": "address-line2",
        "city": "address-city",
        "postal_code": "address-postal-code",
        "country": "address-country",
        "phone": "address-phone",
        "is_default": "address-is-default",
    }

    name = forms.CharField(
        label="Full name",
        max_length=ADDRESS_MAX_LENGTHS["name"],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    line1 = forms.CharField(
        label="Address line 1",
        max_length=ADDRESS_MAX_LENGTHS["line1"],
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    line2 = forms.CharField(
        label="Address line 2 (optional)",
        max_length=ADDRESS_MAX_LENGTHS["line2"],
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )
    city = forms.CharField(
        max_length=ADDRESS_MAX_LENGTHS["city"],
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    postal_code = forms.CharField(
        label="Postal code",
        max_length=ADDRESS_MAX_LENGTHS["postal_code"],
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    country = forms.CharField(
        label="Country code",
        max_length=ADDRESS_MAX_LENGTHS["country"],
        help_text="Two letters, e.g. KZ.",
        widget=forms.TextInput(attrs={"autocomplete": "country", "size": 2}),
    )
    phone = forms.CharField(
        label="Phone (optional)",
        max_length=ADDRESS_MAX_LENGTHS["phone"],
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    is_default = forms.BooleanField(label="Make this my default address", required=False)

    def __init__(self, *args, default_fixed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if default_fixed:
            del self.fields["is_default"]

    @classmethod
    def initial_from(cls, address: dict) -> dict:
        """The form's initial values from a saved address."""
        return {name: address.get(name) or "" for name in ADDRESS_FIELDS}

    def payload(self) -> dict:
        """The address as the order service takes it."""
        address = {name: self.cleaned_data[name] for name in ADDRESS_FIELDS}
        if self.cleaned_data.get("is_default"):
            address["is_default"] = True
        return address
