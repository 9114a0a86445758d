"""`/admin/`: the staff console's front page. Links to the four areas (each
service's own Django admin through the gateway) and a dashboard of figures
from the services' staff summaries, one call each with the admin's token.

- A service that is down, or that refuses (other than 401), leaves the page
  up (200): each section it feeds shows a notice in place of its figures;
  the other sections still show.
- An answer that does not have its contract's shape is that section's
  notice, never a 500 (`console.presenters`).
- A 401 from a service (the login was revoked) goes back to the login page
  (`console.access.staff_required`, through `accounts.access`).
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from accounts.access import raise_if_signed_out
from backends.catalog import catalog_low_stock
from backends.errors import BackendRefused
from backends.orders import orders_summary
from backends.payments import payments_summary
from console import presenters
from console.access import staff_required
from pages.presenters import unavailable_notice
from shop_common.errors import ServiceUnavailable


def _ask(service: str, call: Callable[..., Any], *, token: str) -> tuple[Any, str | None]:
    """Returns (the service's answer, None), or (None, the notice to show
    instead) when it is down or refuses; a 401 goes up to `staff_required`."""
    try:
        return call(token=token), None
    except ServiceUnavailable:
        return None, unavailable_notice(service)
    except BackendRefused as exc:
        raise_if_signed_out(exc)
        return None, presenters.refused_notice(service, exc.messages)


def _sections(
    service: str, answer: Any, notice: str | None, **shapes: Callable[[Any], Any]
) -> dict[str, presenters.Section]:
    """The sections one service's answer feeds, each shaped on its own (a
    part that cannot be read costs only its own section)."""
    if notice is not None:
        return {name: presenters.Section(notice=notice) for name in shapes}
    return {name: presenters.section(service, answer, shape) for name, shape in shapes.items()}


@never_cache
@require_safe
@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The areas' links and the dashboard: orders by status, revenue over the
    last 7 days, top products (order service), payments succeeded and failed
    (payment service), products with low stock (catalog service)."""
    token = request.shopper.access_token
    orders, orders_notice = _ask("order", orders_summary, token=token)
    payments, payments_notice = _ask("payment", payments_summary, token=token)
    low_stock, low_stock_notice = _ask("catalog", catalog_low_stock, token=token)
    sections = {
        **_sections(
            "order",
            orders,
            orders_notice,
            orders_by_status=presenters.orders_by_status,
            revenue=presenters.revenue,
            top_products=presenters.top_products,
        ),
        **_sections("payment", payments, payments_notice, payments=presenters.payments),
        **_sections("catalog", low_stock, low_stock_notice, low_stock=presenters.low_stock),
    }
    return render(
        request, "console/dashboard.html", {"areas": presenters.AREAS, "sections": sections}
    )
