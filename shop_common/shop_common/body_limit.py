"""One size limit on every request body, whatever its content type or framing.

Django's `DATA_UPLOAD_MAX_MEMORY_SIZE` (set from `DJANGO_MAX_BODY_BYTES`,
1 MiB by default) bounds a JSON or form body when it is read, but not the file
parts of a multipart body: those are streamed to temporary files of any size.
And a body sent without a length (`Transfer-Encoding: chunked`) is read by
Django as empty, whatever it holds. This middleware runs before anything
reads the body:

- a `Content-Length` over the limit is 413 `{"detail"}`, so file parts are
  bounded too;
- a body without a length is read here, at most the limit (413 beyond it),
  and handed on with its length, so the view reads it like any other;
- a `Content-Length` that is not a non-negative integer is 400 `{"detail"}`.

The limit is `settings.DATA_UPLOAD_MAX_MEMORY_SIZE`; `None` turns it off.
"""

import io

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpRequest, HttpResponse, JsonResponse

TOO_LARGE = "The request body is too large."
_READ_SIZE = 64 * 1024


class BodySizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = body_refusal(request)
        if refusal is not None:
            return refusal
        return self.get_response(request)


def body_refusal(request: HttpRequest) -> JsonResponse | None:
    """Returns the 400 or 413 answer for a body this service will not read,
    or None when the body may be read (a body without a length has then
    been read here, within the limit)."""
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
