"""Reservations are written only by the order service; staff may look, not touch,
because editing one by hand would desynchronise stock from what was taken."""

from django.contrib import admin
from django.http import HttpRequest

from reservations.models import Reservation, ReservationItem


class ReservationItemInline(admin.TabularInline):
    model = ReservationItem
    fields = ["product_id", "quantity"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Reservation)
class ReservationAdmin(admin.ModelAdmin):
    list_display = ["order_id", "status", "created_at", "released_at"]
    list_filter = ["status"]
    search_fields = ["=order_id"]
    readonly_fields = ["id", "order_id", "status", "created_at", "released_at"]
    inlines = [ReservationItemInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
