"""The error shape of every API and the exceptions that map onto it.

400 validation errors keep DRF's field-keyed shape; every other error is
`{"detail": "..."}`. Nothing a client sends may turn into a 500.
"""

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    """409: the request conflicts with the current state (duplicate, stock, status)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state."
    default_code = "conflict"


class ServiceUnavailable(exceptions.APIException):
    """503: a service this one depends on is unreachable, failing or too slow."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "A service this request depends on is unavailable. Try again later."
    default_code = "service_unavailable"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


def exception_handler(exc, context):
    """DRF's handler, widened to Django's own exceptions so none becomes a 500."""
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, SuspiciousOperation):
        exc = exceptions.ParseError("The request could not be processed.")
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None or isinstance(exc, exceptions.ValidationError):
        if response is not None and isinstance(response.data, list):
            # A non-field ValidationError raised with a list: keep one shape.
            response.data = {"detail": " ".join(str(item) for item in response.data)}
        return response
    if isinstance(exc, exceptions.AuthenticationFailed) and "detail" in response.data:
        # A refused credential is exactly {"detail": "..."}: SimpleJWT's
        # InvalidToken adds `code` and `messages` beside it. (Other errors may
        # carry documented extras, such as a 409's `unavailable` ids.)
        response.data = {"detail": response.data["detail"]}
    return response


def _json_error(status_code: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status_code)


# Django's handlers for requests that never reach a DRF view (unknown paths,
# malformed ids rejected by a path converter, broken bodies): JSON, not HTML.
def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        return _json_error(413, "The request body is too large.")
    return _json_error(400, "Bad request.")


def permission_denied(request, exception=None):
    return _json_error(403, "You do not have permission to perform this action.")


def not_found(request, exception=None):
    return _json_error(404, "Not found.")


def server_error(request):
    return _json_error(500, "Internal server error.")


def response_for(status_code: int, detail: str) -> Response:
    """A DRF response in the error shape, for views that answer an error directly."""
    return Response({"detail": detail}, status=status_code)
