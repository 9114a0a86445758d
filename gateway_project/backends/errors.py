"""What a service's refusal means for the person on the page: its messages,
its 400 errors split between a form's fields and the rest, and how long a
429 says to wait."""

from collections.abc import Iterable
from typing import Any

# The keys of a DRF error body that name no field: shown as plain sentences.
NON_FIELD_KEYS = ("detail", "non_field_errors")


def _label(key: Any) -> str:
    """`postal_code` -> `Postal code`: a field's name as a person reads it."""
    return str(key).replace("_", " ").capitalize()


def _texts(value: Any) -> list[str]:
    """One field's errors as sentences (a list of them, or a single one)."""
    return [str(item) for item in value] if isinstance(value, list) else [str(value)]


def _flatten(value: Any, field: str = "") -> list[str]:
    if isinstance(value, dict):
        out: list[str] = []
        for key, item in value.items():
            name = "" if key in NON_FIELD_KEYS else key
            out += _flatten(item, f"{field}.{name}".strip(".") if name else field)
        return out
    if isinstance(value, list):
        return [message for item in value for message in _flatten(item, field)]
    text = str(value)
    if field:
        return [f"{_label(field)}: {text}"]
    return [text]


def field_errors_split(
    body: Any, *, fields: Iterable[str], nested_in: str | None = None
) -> tuple[dict[str, list[str]], list[str]]:
    """A service's 400 body as (errors of the form's `fields`, other messages),
    both in the body's order; an error of another field is named in its
    message. `nested_in` names the key the fields sit under
    (`shipping_address` for an order), when they are not at the top level."""
    if not isinstance(body, dict):
        return {}, []
    fields = tuple(fields)
    by_field: dict[str, list[str]] = {}
    others: list[str] = []
    source = body
    if nested_in and isinstance(body.get(nested_in), dict):
        source = {**body[nested_in], **{k: v for k, v in body.items() if k != nested_in}}
    for key, value in source.items():
        texts = _texts(value)
        if key in fields:
            by_field[key] = texts
        elif key in NON_FIELD_KEYS:
            others += texts
        else:
            others += [f"{_label(key)}: {text}" for text in texts]
    return by_field, others


def wait_words(retry_after: str | None) -> str | None:
    """'45 seconds', '5 minutes' from a Retry-After in seconds; None if unreadable."""
    try:
        seconds = int(str(retry_after).strip())
    except ValueError:
        return None
    if seconds <= 0:
        return None
    if seconds < 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = -(-seconds // 60)
    return f"{minutes} minutes"


class BackendRefused(Exception):
    """A service answered 4xx. `status` is its status code, `body` its decoded
    JSON (or `{}`), `messages` the errors as sentences for the page, and
    `field_errors` the 400 errors keyed by field (for showing beside a form)."""

    def __init__(self, *, service: str, status: int, body: Any, retry_after: str | None = None):
        self.service = service
        self.status = status
        self.body = body if isinstance(body, dict | list) else {}
        self.retry_after = retry_after
        super().__init__(f"{service} answered {status}")

    @property
    def messages(self) -> list[str]:
        messages = _flatten(self.body)
        if self.status == 429 and self.retry_after:
            messages.append(f"Please try again in {self.retry_after} seconds.")
        return messages or [_DEFAULT_MESSAGES.get(self.status, "The request was refused.")]

    @property
    def message(self) -> str:
        return " ".join(self.messages)

    @property
    def field_errors(self) -> dict[str, list[str]]:
        if self.status != 400 or not isinstance(self.body, dict):
            return {}
        return {key: _texts(value) for key, value in self.body.items() if key not in NON_FIELD_KEYS}

    @property
    def throttled_message(self) -> str:
        """A 429 of auth's limits on failed attempts (logins, password
        changes): how long to wait, in words from Retry-After; `message` when
        Retry-After cannot be read."""
        wait = wait_words(self.retry_after)
        if wait is None:
            return self.message
        return f"Too many failed attempts. Please wait {wait} and try again."


_DEFAULT_MESSAGES = {
    401: "Please sign in again.",
    403: "You are not allowed to do that.",
    404: "Not found.",
    409: "That conflicts with the current state; reload and try again.",
    429: "Too many attempts. Please wait a little and try again.",
}
