"""What a service's refusal means for the person on the page."""

from typing import Any


def _flatten(value: Any, field: str = "") -> list[str]:
    if isinstance(value, dict):
        out: list[str] = []
        for key, item in value.items():
            name = "" if key in ("detail", "non_field_errors") else key
            out += _flatten(item, f"{field}.{name}".strip(".") if name else field)
        return out
    if isinstance(value, list):
        return [message for item in value for message in _flatten(item, field)]
    text = str(value)
    if field:
        return [f"{field.replace('_', ' ').capitalize()}: {text}"]
    return [text]


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
        return {
            key: [str(item) for item in value] if isinstance(value, list) else [str(value)]
            for key, value in self.body.items()
            if key not in ("detail", "non_field_errors")
        }


_DEFAULT_MESSAGES = {
    401: "Please sign in again.",
    403: "You are not allowed to do that.",
    404: "Not found.",
    409: "That conflicts with the current state; reload and try again.",
    429: "Too many attempts. Please wait a little and try again.",
}
