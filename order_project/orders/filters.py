import django_filters

from orders.models import Order
from orders.status import OrderStatus


class OrderFilter(django_filters.FilterSet):
    """`?status=` for everyone; `?email=` (case-insensitive) matters to admins,
    since a customer's list holds only their own orders anyway."""

    status = django_filters.ChoiceFilter(choices=OrderStatus.choices)
    # As long as an email can be (NUL is refused by Django's form field).
    email = django_filters.CharFilter(field_name="email", lookup_expr="iexact", max_length=254)

    class Meta:
        model = Order
        fields = ["status", "email"]
