"""X-Request-ID: accepted or generated, echoed, forwarded and logged.

The id lives in a context variable for the length of the request, so the log
filter and the HTTP client read it without being handed the request.
"""

import contextvars
import logging
import re
import uuid

HEADER = "X-Request-ID"
META_KEY = "HTTP_X_REQUEST_ID"
# Ids from outside are echoed into headers and logs: accept only a safe shape,
# matched in full (a `$` would also admit a trailing newline).
_VALID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

_current: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def request_id_get() -> str:
    """Returns the current request's id, or "-" outside a request."""
    return _current.get()


def request_id_set(value: str) -> contextvars.Token:
    return _current.set(value)


class RequestIDMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get(META_KEY, "")
        request_id = incoming if _VALID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request_id
        return response


class RequestIDLogFilter(logging.Filter):
    """Puts `request_id` on every log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        # django.request logs the response after the middleware has returned,
        # with the request attached to the record: prefer that request's id.
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", None) or _current.get()
        return True
