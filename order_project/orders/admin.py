"""Staff console for orders at /admin/orders/. Orders are read-only here: they
come from checkout, and staff change their status only through the actions
(ship, deliver, cancel), which use the same services and status machine as the
API. A move the machine refuses, or a cancellation the catalog cannot confirm,
is an error message naming the order, with the API's own text; never a 500."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.utils.html import format_html

from orders import services
from orders.exceptions import OrderError
from orders.models import Order, OrderEvent, OrderLine
from orders.status import OrderStatus
from shop_common.errors import ServiceUnavailable

admin.site.site_header = "Shop orders"
admin.site.site_title = "Shop orders admin"
admin.site.index_title = "Orders"

# Refunds are made where the money is: the payment service's admin, which the
# gateway serves on this same origin (DESIGN.md §5) and which calls back here.
PAYMENTS_ADMIN_CHANGELIST = "/admin/payments/payments/payment/"


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class OrderLineInline(_ReadOnlyInline):
    model = OrderLine
    fields = ["product_id", "sku", "name", "unit_price", "quantity", "line_total"]
    readonly_fields = fields


class OrderEventInline(_ReadOnlyInline):
    model = OrderEvent
    fields = ["at", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields
    ordering = ["at", "id"]


def _staff_actor(request) -> str:
    return f"staff:{request.user.email or request.user.get_username()}"


def _move_each(
    modeladmin: admin.ModelAdmin,
    request,
    queryset,
    *,
    move: Callable[[Order], object],
    done: str,
) -> None:
    """Applies `move` to each selected order; one error message per order it
    refuses (the 409's or 503's `detail`), then how many moved."""
    moved = 0
    for order in queryset:
        try:
            move(order)
        except (OrderError, ServiceUnavailable) as exc:
            modeladmin.message_user(request, f"Order {order.id}: {exc.detail}", messages.ERROR)
        else:
            moved += 1
    if moved:
        modeladmin.message_user(request, f"{moved} order(s) {done}.", messages.SUCCESS)


def _status_set_each(modeladmin, request, queryset, to_status: str) -> None:
    actor = _staff_actor(request)
    _move_each(
        modeladmin,
        request,
        queryset,
        move=lambda order: services.order_staff_status_set(
            order=order, to_status=to_status, actor=actor
        ),
        done=f"marked {to_status}",
    )


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["id", "email", "status", "total", "currency", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["id", "email"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]
    inlines = [OrderLineInline, OrderEventInline]
    actions = ["mark_shipped", "mark_delivered", "cancel"]
    list_per_page = 50
    readonly_fields = [
        "id",
        "user_id",
        "email",
        "status",
        "total",
        "currency",
        "shipping_address",
        "payment_id",
        "payments",
        "idempotency_key",
        "created_at",
        "updated_at",
    ]
    fields = readonly_fields

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description="Payments and refunds")
    def payments(self, obj: Order) -> str:
        """Returns a link to this order's payments in the payment admin, where
        staff refund them (the order becomes refunded by callback)."""
        url = f"{PAYMENTS_ADMIN_CHANGELIST}?{urlencode({'q': obj.id})}"
        return format_html('<a href="{}">Payments of this order (refund there)</a>', url)

    def has_delete_permission(self, request, obj=None) -> bool:
        # An order is a financial record: it is cancelled or refunded, never deleted.
        return False

    @admin.action(description="Mark selected orders shipped")
    def mark_shipped(self, request, queryset):
        _status_set_each(self, request, queryset, OrderStatus.SHIPPED)

    @admin.action(description="Mark selected orders delivered")
    def mark_delivered(self, request, queryset):
        _status_set_each(self, request, queryset, OrderStatus.DELIVERED)

    @admin.action(description="Cancel selected orders (unpaid or failed payment only)")
    def cancel(self, request, queryset):
        actor = _staff_actor(request)
        _move_each(
            self,
            request,
            queryset,
            move=lambda order: services.order_cancel(
                order=order, actor=actor, note="Cancelled by staff."
            ),
            done="cancelled (stock released)",
        )
