"""Error pages: HTML for a person's browser, the API's JSON for everyone else
and always under /api/ (the shape of every service, shop_common.errors)."""

from django.http import JsonResponse
from django.shortcuts import render

from shop_common import errors as json_errors


def _wants_page(request) -> bool:
    return not request.path.startswith("/api/") and "text/html" in request.headers.get("Accept", "")


def _page(request, *, status: int, title: str, text: str):
    return render(request, "error.html", {"title": title, "text": text}, status=status)


def bad_request(request, exception=None):
    if _wants_page(request):
        return _page(
            request, status=400, title="Bad request", text="The request could not be read."
        )
    return json_errors.bad_request(request, exception)


def permission_denied(request, exception=None):
    if _wants_page(request):
        return _page(request, status=403, title="Forbidden", text="You are not allowed to do that.")
    return json_errors.permission_denied(request, exception)


def not_found(request, exception=None):
    if _wants_page(request):
        return _page(request, status=404, title="Not found", text="There is no such page.")
    return json_errors.not_found(request, exception)


def server_error(request):
    if _wants_page(request):
        return _page(
            request,
            status=500,
            title="Something went wrong",
            text="Please try again in a moment.",
        )
    return json_errors.server_error(request)


def csrf_failure(request, reason=""):
    """A form sent without its CSRF token (or from another site)."""
    if _wants_page(request):
        return _page(
            request,
            status=403,
            title="Form expired",
            text="This form was not sent from this shop or has expired. Go back, reload and try again.",
        )
    return JsonResponse({"detail": "CSRF check failed: send the X-CSRFToken header."}, status=403)
