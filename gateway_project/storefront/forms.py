"""What a shopper may send, checked before any service is called.

Every form builds on pages.forms.ShopForm (Bootstrap 5's classes, a field
with errors marked `is-invalid`, a service's 400 put back beside the field
with `refusal_show`). The catalog's query string is read leniently
(CatalogFilterForm): a value the catalog would refuse is dropped or clipped,
so a hand-edited URL still shows a page."""

import re
import secrets
from dataclasses import dataclass, field

from django import forms
from django.utils.http import urlencode

from backends.orders import ADDRESS_FIELDS, ADDRESS_MAX_LENGTHS
from pages.forms import ShopForm
from storefront.presenters import LINE_QUANTITY_MAX, address_label

# The catalog's own limits on its filters (400 beyond them).
SEARCH_MAX_LENGTH = 200
CATEGORY_MAX_LENGTH = 100
# A page number beyond any real list, so a silly one never reaches a service.
PAGE_MAX = 100_000

# The catalog orderings the storefront offers (the first is the catalog's default).
ORDERINGS = (
    ("-created_at", "Newest first"),
    ("price", "Price: low to high"),
    ("-price", "Price: high to low"),
    ("name", "Name: A to Z"),
)

NEW_ADDRESS = "new"
IDEMPOTENCY_KEY_PATTERN = r"[A-Za-z0-9_-]{16,64}"


def idempotency_key_new() -> str:
    """A fresh key for one form: the service makes one order (or payment) per key."""
    return secrets.token_urlsafe(24)


# --- catalog -------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogFilters:
    """The catalog page's filters as read from its query string."""

    search: str = ""
    category: str = ""
    ordering: str = ""
    page: int = 1
    notes: list[str] = field(default_factory=list)

    def catalog_params(self, *, page_size: int) -> dict:
        """The query the catalog service is sent (only the filters in use)."""
        params = {"page": self.page, "page_size": page_size}
        for name in ("search", "category", "ordering"):
            if getattr(self, name):
                params[name] = getattr(self, name)
        return params

    def query(self, *, page: int | None = None) -> str:
        """This page's own query string at `page` (the first without it): for
        links that keep the other filters."""
        values = {"search": self.search, "category": self.category, "ordering": self.ordering}
        values = {name: value for name, value in values.items() if value}
        if page and page > 1:
            values["page"] = page
        return urlencode(values)

    @property
    def filtered(self) -> bool:
        return bool(self.search or self.category)


class PageForm(forms.Form):
    """`?page=N`, read leniently: anything but 1..PAGE_MAX means page 1."""

    page = forms.IntegerField(required=False, min_value=1, max_value=PAGE_MAX)

    def page_number(self) -> int:
        self.is_valid()
        if "page" in self.errors:
            return 1
        return self.cleaned_data.get("page") or 1

    def page_notes(self) -> list[str]:
        self.is_valid()
        if "page" in self.errors:
            return ["That page does not exist; here is the first page."]
        return []


class CatalogFilterForm(PageForm):
    """The catalog page's `search` (or `q`), `category`, `ordering` and `page`."""

    search = forms.CharField(required=False)
    q = forms.CharField(required=False)
    category = forms.SlugField(required=False, allow_unicode=True, max_length=CATEGORY_MAX_LENGTH)
    ordering = forms.ChoiceField(required=False, choices=ORDERINGS)

    def _clipped(self, name: str) -> str:
        # Longer text than the catalog searches is clipped, not refused.
        return (self.cleaned_data.get(name) or "")[:SEARCH_MAX_LENGTH].strip()

    def clean_search(self) -> str:
        return self._clipped("search")

    def clean_q(self) -> str:
        return self._clipped("q")

    def filters(self) -> CatalogFilters:
        """The filters to apply; a value the catalog would refuse is left out
        and noted."""
        self.is_valid()
        data = self.cleaned_data
        notes = self.page_notes()
        if "category" in self.errors:
            notes.append("There is no such category; showing every product.")
        return CatalogFilters(
            search=data.get("search") or data.get("q") or "",
            category=data.get("category") or "",
            ordering=data.get("ordering") or "",
            page=self.page_number(),
            notes=notes,
        )


# --- cart ----------------------------------------------------------------------


def _quantity_field(*, min_value: int) -> forms.IntegerField:
    return forms.IntegerField(
        label="Quantity",
        min_value=min_value,
        max_value=LINE_QUANTITY_MAX,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "style": "max-width: 6rem"}),
    )


class QuantityForm(ShopForm):
    """How many of a product to add to the cart (1..99)."""

    quantity = _quantity_field(min_value=1)

    def __init__(self, *args, quantity_max: int = LINE_QUANTITY_MAX, **kwargs):
        super().__init__(*args, **kwargs)
        # The browser's own hint; the cart service checks the stock itself.
        self.fields["quantity"].widget.attrs["max"] = quantity_max


class CartLineForm(ShopForm):
    """A cart line's new quantity (0 takes the line out)."""

    product_id = forms.UUIDField(widget=forms.HiddenInput)
    quantity = _quantity_field(min_value=0)


class CartRemoveForm(ShopForm):
    product_id = forms.UUIDField(widget=forms.HiddenInput)


# --- checkout and payment ------------------------------------------------------


class IdempotentForm(ShopForm):
    """A form with a hidden `idempotency_key`, made when the form is first
    shown and kept when it is shown again with errors (resending a key can
    only return what it already made). A missing or malformed key is replaced
    by a fresh one: that submit is then simply not deduplicated."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["idempotency_key"].initial = idempotency_key_new()
        if self.is_bound and not re.fullmatch(
            IDEMPOTENCY_KEY_PATTERN, str(self.data.get("idempotency_key") or "")
        ):
            self.data = self.data.copy()
            self.data["idempotency_key"] = idempotency_key_new()


class CheckoutForm(IdempotentForm):
    """Where the order goes: a saved address (radio buttons, the default
    chosen) or a typed one, which may be saved to the address book first.
    `idempotency_key` is generated when the form is first shown, so a double
    submit makes one order."""

    address_choice = forms.ChoiceField(label="Ship to", widget=forms.RadioSelect)
    name = forms.CharField(
        label="Full name", max_length=ADDRESS_MAX_LENGTHS["name"], required=False
    )
    line1 = forms.CharField(
        label="Address", max_length=ADDRESS_MAX_LENGTHS["line1"], required=False
    )
    line2 = forms.CharField(
        label="Address line 2 (optional)", max_length=ADDRESS_MAX_LENGTHS["line2"], required=False
    )
    city = forms.CharField(label="City", max_length=ADDRESS_MAX_LENGTHS["city"], required=False)
    postal_code = forms.CharField(
        label="Postal code", max_length=ADDRESS_MAX_LENGTHS["postal_code"], required=False
    )
    country = forms.CharField(
        label="Country",
        max_length=ADDRESS_MAX_LENGTHS["country"],
        required=False,
        help_text="Two-letter code, e.g. KZ.",
    )
    phone = forms.CharField(
        label="Phone (optional)", max_length=ADDRESS_MAX_LENGTHS["phone"], required=False
    )
    save_address = forms.BooleanField(label="Save this address", required=False)

    REQUIRED_FOR_NEW = ("name", "line1", "city", "postal_code", "country")
    _AUTOCOMPLETE = {
        "name": "name",
        "line1": "address-line1",
        "line2": "address-line2",
        "city": "address-level2",
        "postal_code": "postal-code",
        "country": "country",
        "phone": "tel",
    }

    def __init__(self, *args, addresses: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(address["id"]), address_label(address)) for address in addresses]
        choices.append((NEW_ADDRESS, "A new address"))
        self.fields["address_choice"].choices = choices
        default = next((a for a in addresses if a.get("is_default")), None)
        chosen = default or (addresses[0] if addresses else None)
        self.fields["address_choice"].initial = str(chosen["id"]) if chosen else NEW_ADDRESS
        for name, token in self._AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = f"shipping {token}"
        self.fields["country"].widget.attrs.update(
            {"maxlength": 2, "style": "text-transform: uppercase"}
        )

    def clean_country(self) -> str:
        return self.cleaned_data["country"].upper()

    def clean(self):
        data = super().clean()
        if data.get("address_choice") == NEW_ADDRESS:
            for name in self.REQUIRED_FOR_NEW:
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, "This field is required.")
        return data

    @property
    def new_address(self) -> bool:
        return self.cleaned_data.get("address_choice") == NEW_ADDRESS

    def typed_address(self) -> dict:
        """The typed address in the order service's shape."""
        return {name: self.cleaned_data.get(name, "") for name in ADDRESS_FIELDS}


class CardInput(forms.TextInput):
    """A text input that never writes its value back into the page: card
    numbers and security codes are not echoed into HTML."""

    def get_context(self, name, value, attrs):
        return super().get_context(name, None, attrs)


class CardForm(IdempotentForm):
    """The emulated processor's card: number (spaces allowed), expiry, CVC."""

    card_number = forms.CharField(
        label="Card number",
        max_length=32,
        widget=CardInput(attrs={"inputmode": "numeric", "autocomplete": "cc-number"}),
    )
    exp_month = forms.IntegerField(
        label="Expiry month",
        min_value=1,
        max_value=12,
        widget=forms.NumberInput(attrs={"placeholder": "MM", "autocomplete": "cc-exp-month"}),
    )
    exp_year = forms.IntegerField(
        label="Expiry year",
        min_value=0,
        max_value=9999,
        widget=forms.NumberInput(attrs={"placeholder": "YYYY", "autocomplete": "cc-exp-year"}),
    )
    cvc = forms.RegexField(
        label="Security code",
        regex=r"^[0-9]{3,4}$",
        error_messages={"invalid": "Enter the 3 or 4 digit security code."},
        widget=CardInput(attrs={"inputmode": "numeric", "autocomplete": "cc-csc"}),
    )

    def clean_card_number(self) -> str:
        number = self.cleaned_data["card_number"].replace(" ", "")
        if not (number.isascii() and number.isdigit() and 12 <= len(number) <= 19):
            raise forms.ValidationError("Enter the card number: 12 to 19 digits.")
        return number

    def clean_exp_year(self) -> int:
        year = self.cleaned_data["exp_year"]
        # "28" means 2028.
        if year < 100:
            year += 2000
        if year < 1000:
            raise forms.ValidationError("Enter the year with four digits.")
        return year
