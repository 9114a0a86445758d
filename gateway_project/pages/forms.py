"""The base of every page form: Bootstrap 5's classes on its widgets,
`is-invalid` on a field with errors, and a service's refusal put back on the
form. Its fields render with templates/forms/field.html and its other errors
with templates/forms/errors.html."""

from django import forms
from django.forms.boundfield import BoundField

from backends.errors import BackendRefused, field_errors_split


class ShopBoundField(BoundField):
    """Adds Bootstrap's `is-invalid` to the widget of a field with errors,
    whether the error is the form's own or a service's."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.errors:
            widget = widget or self.field.widget
            classes = attrs.get("class", widget.attrs.get("class", ""))
            attrs["class"] = f"{classes} is-invalid".strip()
        return attrs


class ShopForm(forms.Form):
    """A form drawn with Bootstrap 5: `form-check-input` on checkboxes and
    radio buttons, `form-select` on selects, `form-control` on every other
    visible widget (hidden ones get nothing), and a `data-testid` per field
    from `testids`."""

    bound_field_class = ShopBoundField
    testids: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if widget.is_hidden:
                continue
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)
            if name in self.testids:
                widget.attrs["data-testid"] = self.testids[name]

    def refusal_show(self, exc: BackendRefused, *, nested_in: str | None = None) -> None:
        """Puts a service's refusal on the form: a 400's errors beside the
        fields they name (found under `nested_in` when the service nests
        them, as the order service does `shipping_address`), every other
        message (`detail`, `non_field_errors`, errors of fields the form
        lacks, any other refusal) on top of the form."""
        if exc.status == 400:
            by_field, others = field_errors_split(
                exc.body, fields=self.fields.keys(), nested_in=nested_in
            )
            for name, errors in by_field.items():
                for error in errors:
                    self.add_error(name, error)
            for error in others or ([] if by_field else exc.messages):
                self.add_error(None, error)
            return
        for message in exc.messages:
            self.add_error(None, message)

    def errors_text(self) -> str:
        """Every error on one line, for a message after a redirect."""
        texts = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else None
            for error in errors:
                texts.append(f"{label}: {error}" if label and name != "__all__" else str(error))
        return " ".join(texts)
