"""Reads of the order domain. Every read is scoped to what the user may see."""

import uuid

from django.db.models import QuerySet
from rest_framework.exceptions import ValidationError

from orders.exceptions import OrderNotFound
from orders.filters import OrderFilter
from orders.models import Order


def _order_queryset_visible(*, user) -> QuerySet[Order]:
    # Lines and events come in two extra queries whatever the number of orders.
    queryset = Order.objects.prefetch_related("lines", "events")
    if getattr(user, "is_admin", False):
        return queryset
    return queryset.filter(user_id=user.id)


def order_get(*, order_id: uuid.UUID, user) -> Order:
    """Returns the order with its lines and events when `user` owns it or is an
    admin; raises OrderNotFound (404) otherwise, so existence is not revealed."""
    order = _order_queryset_visible(user=user).filter(pk=order_id).first()
    if order is None:
        raise OrderNotFound()
    return order


def order_list(*, user, filters: dict | None = None) -> QuerySet[Order]:
    """Returns the orders `user` may see (an admin: all), newest first, filtered
    by `status` and `email`. Raises ValidationError (400) for a bad filter value."""
    filterset = OrderFilter(filters or {}, queryset=_order_queryset_visible(user=user))
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset.qs.order_by("-created_at", "-id")
