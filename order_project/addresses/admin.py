"""Saved addresses at /admin/orders/, read-only: staff may look (support),
never write. The API shows a book only to its owner; writes are the owner's,
through the API and services.py."""

from django.contrib import admin

from addresses.models import Address


@admin.register(Address)
class AddressAdmin(admin.ModelAdmin):
    list_display = ["id", "user_id", "name", "city", "country", "is_default", "created_at"]
    list_filter = ["is_default", "country"]
    search_fields = ["id", "user_id"]
    ordering = ["user_id", "-is_default", "-created_at"]
    list_per_page = 50
    readonly_fields = [
        "id",
        "user_id",
        "name",
        "line1",
        "line2",
        "city",
        "postal_code",
        "country",
        "phone",
        "is_default",
        "created_at",
        "updated_at",
    ]
    fields = readonly_fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
