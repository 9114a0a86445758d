"""The staff console for the catalog, mounted at /admin/catalog/ (staff sign in
with their auth-service account, see shop_common.admin_login)."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from products import services
from products.models import Category, Product, ProductImage

admin.site.site_header = "Shop catalog"
admin.site.site_title = "Shop catalog admin"
admin.site.index_title = "Catalog"


class ProductImageInline(admin.TabularInline):
    model = ProductImage
    extra = 1
    fields = ["url", "alt", "position"]
    ordering = ["position", "id"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["sku", "name", "price", "currency", "stock", "is_active", "updated_at"]
    list_display_links = ["sku", "name"]
    list_filter = ["is_active", "categories"]
    search_fields = ["sku", "name"]
    ordering = ["sku"]
    filter_horizontal = ["categories"]
    inlines = [ProductImageInline]
    readonly_fields = ["id", "currency", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["id", "sku", "name", "description", "categories"]}),
        ("Sales", {"fields": ["price", "currency", "stock", "is_active"]}),
        ("Details", {"fields": ["attributes", "created_at", "updated_at"]}),
    ]
    actions = ["activate", "deactivate"]
    list_per_page = 50

    @admin.action(description="Activate selected products")
    def activate(self, request: HttpRequest, queryset: QuerySet[Product]) -> None:
        changed = services.products_activate(
            product_ids=queryset.values_list("id", flat=True), is_active=True
        )
        self.message_user(request, f"{changed} product(s) activated.", messages.SUCCESS)

    @admin.action(description="Deactivate selected products")
    def deactivate(self, request: HttpRequest, queryset: QuerySet[Product]) -> None:
        changed = services.products_activate(
            product_ids=queryset.values_list("id", flat=True), is_active=False
        )
        self.message_user(request, f"{changed} product(s) deactivated.", messages.SUCCESS)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
