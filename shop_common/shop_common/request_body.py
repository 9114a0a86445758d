"""The one guard on request bodies, run before anything reads one.

Django's `DATA_UPLOAD_MAX_MEMORY_SIZE` (set from `DJANGO_MAX_BODY_BYTES`,
1 MiB by default) bounds a JSON or form body when it is read, but not the file
parts of a multipart body: those are streamed to temporary files of any size.
A body sent without a length (`Transfer-Encoding: chunked`) is read by Django
as empty, whatever it holds. And the body is decoded with the `charset` of its
Content-Type, which may name a codec that fails in ways Django does not catch
(`idna`, `punycode`: a 500). So, before any view:

- a `Content-Length` over the limit is 413 `{"detail"}`, file parts included;
- a body without a length is read here, at most the limit (413 beyond it),
  and handed on with its length, so the view reads it like any other;
- a `Content-Length` that is not a non-negative integer is 400 `{"detail"}`;
- a `charset` other than UTF-8, UTF-16, UTF-32, ASCII, Latin-1 or
  Windows-1252 is 415 `{"detail"}`.

The limit is `settings.DATA_UPLOAD_MAX_MEMORY_SIZE`; `None` turns it off.
"""

import codecs
import io

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.http import parse_header_parameters

TOO_LARGE = "The request body is too large."
_READ_SIZE = 64 * 1024
# Codecs (by their canonical names) that decode any bytes, with "replace".
CHARSETS = frozenset(
    {
        "utf-8",
        "utf-8-sig",
        "utf-16",
        "utf-16-le",
        "utf-16-be",
        "utf-32",
        "utf-32-le",
        "utf-32-be",
        "ascii",
        "iso8859-1",
        "cp1252",
    }
)


class RequestBodyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = body_refusal(request)
        if refusal is not None:
            return refusal
        return self.get_response(request)


def body_refusal(request: HttpRequest) -> JsonResponse | None:
    """Returns the 400, 413 or 415 answer for a body this service will not
    read, or None when the body may be read (a body without a length has
    then been read here, within the limit)."""
    if not _charset_supported(request.META.get("CONTENT_TYPE", "")):
        return JsonResponse({"detail": "Unsupported charset in Content-Type."}, status=415)
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    declared = request.META.get("CONTENT_LENGTH") or ""
    if not declared and request.META.get("HTTP_TRANSFER_ENCODING", "").strip():
        return _unframed_body_take(request, limit=limit)
    declared = declared or "0"
    if not declared.isascii() or not declared.isdigit():
        return JsonResponse(
            {"detail": "Content-Length must be a non-negative integer."}, status=400
        )
    # Over 18 digits is more than any limit (and int() refuses thousands of digits).
    if len(declared) > 18 or (limit is not None and int(declared) > limit):
        return JsonResponse({"detail": TOO_LARGE}, status=413)
    return None


def _charset_supported(content_type: str) -> bool:
    charset = parse_header_parameters(content_type)[1].get("charset")
    if charset is None:
        return True
    try:
        return codecs.lookup(charset).name in CHARSETS
    except LookupError:
        return False


def _unframed_body_take(request: HttpRequest, *, limit: int | None) -> JsonResponse | None:
    """Reads a body sent without a length (the WSGI server has undone the
    chunking) up to `limit` bytes, and puts it back as a body of known length."""
    stream = request.environ["wsgi.input"]
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(_READ_SIZE):
        size += len(chunk)
        if limit is not None and size > limit:
            return JsonResponse({"detail": TOO_LARGE}, status=413)
        chunks.append(chunk)
    body = b"".join(chunks)
    request.META["CONTENT_LENGTH"] = str(len(body))
    request._stream = LimitedStream(io.BytesIO(body), len(body))
    return None
