"""One size limit on every request body, whatever its content type.

Django's `DATA_UPLOAD_MAX_MEMORY_SIZE` (set from `DJANGO_MAX_BODY_BYTES`,
1 MiB by default) bounds a JSON or form body when it is read, but not the file
parts of a multipart body: those are streamed to temporary files of any size.
This middleware answers before anything reads the body:

- 413 `{"detail"}` when `Content-Length` exceeds the limit;
- 411 `{"detail"}` for a body sent without a length (`Transfer-Encoding:
  chunked`): Django would read such a body as empty, so it is refused rather
  than silently taken for no input;
- 400 `{"detail"}` for a `Content-Length` that is not a non-negative integer.

The limit is `settings.DATA_UPLOAD_MAX_MEMORY_SIZE`; `None` turns the size
check off (the two other checks stay).
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse


def _refusal(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


class BodySizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = body_refusal(request)
        if refusal is not None:
            return refusal
        return self.get_response(request)


def body_refusal(request: HttpRequest) -> JsonResponse | None:
    """Returns the 400, 411 or 413 answer for a body this service will not
    read, or None when the body may be read."""
    if request.META.get("HTTP_TRANSFER_ENCODING", "").strip():
        return _refusal(411, "A request body needs a Content-Length.")
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if not declared.isascii() or not declared.isdigit():
        return _refusal(400, "Content-Length must be a non-negative integer.")
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    # Over 18 digits is more than any limit (and int() refuses thousands of digits).
    if len(declared) > 18 or (limit is not None and int(declared) > limit):
        return _refusal(413, "The request body is too large.")
    return None
