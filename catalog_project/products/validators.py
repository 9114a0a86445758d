"""Checks of product input that the API and the staff admin share.

They raise Django's ValidationError, which DRF serializer fields also accept
as validators, so one rule holds whichever way a product is written.
"""

import math
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

ATTRIBUTES_MAX_DEPTH = 5
# A site-relative path such as /static/catalog/products/placeholders/mug.svg.
# Browsers read a leading "/\" like "//", i.e. as another host: refused too.
_RELATIVE_URL = re.compile(r"^/(?![/\\])[^\s\x00\\]*$")
_absolute_url = URLValidator(schemes=["http", "https"])
# PostgreSQL's jsonb refuses NUL characters and lone UTF-16 surrogates (which
# a JSON body can carry as "\ud800"): the insert would fail as a 500.
_UNSTORABLE_TEXT = re.compile("[\x00\ud800-\udfff]")


def image_url_validate(value: str) -> str:
    """Accepts an http(s) URL or a site-relative path; anything else (javascript:,
    data:, protocol-relative //host) could be abused in the storefront."""
    if _RELATIVE_URL.match(value):
        return value
    try:
        _absolute_url(value)
    except ValidationError as exc:
        raise ValidationError(
            "Enter an http(s) URL or a path starting with /.", code="invalid"
        ) from exc
    return value


def attributes_validate(value: Any) -> dict[str, Any]:
    """A JSON object, nested at most ATTRIBUTES_MAX_DEPTH deep, whose text
    PostgreSQL's jsonb can store (no NUL, no lone surrogate) and whose numbers
    are finite (JSON has no NaN or Infinity)."""
    if not isinstance(value, dict):
        raise ValidationError("Must be a JSON object.", code="invalid")
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if depth > ATTRIBUTES_MAX_DEPTH:
            raise ValidationError(
                f"Nested deeper than {ATTRIBUTES_MAX_DEPTH} levels.", code="max_depth"
            )
        if isinstance(item, dict):
            for key, child in item.items():
                _text_check(key)
                pending.append((child, depth + 1))
        elif isinstance(item, list):
            pending.extend((child, depth + 1) for child in item)
        elif isinstance(item, str):
            _text_check(item)
        elif isinstance(item, float) and not math.isfinite(item):
            raise ValidationError("Numbers must be finite.", code="invalid")
    return value


def _text_check(text: str) -> None:
    if _UNSTORABLE_TEXT.search(text):
        raise ValidationError(
            "Must not contain NUL or unpaired surrogate characters.", code="invalid"
        )
