"""The staff console for the catalog, mounted at /admin/catalog/ (staff sign in
with their auth-service account, see shop_common.admin_login)."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from products import services
from products.models import Category, Product, ProductImage
from products.validators import attributes_validate, image_url_validate

admin.site.site_header = "Shop catalog"
admin.site.site_title = "Shop catalog admin"
admin.site.index_title = "Catalog"


class ProductImageAdminForm(forms.ModelForm):
    """The API's URL rule holds in the admin too (no javascript:, data: or //host)."""

    class Meta:
        model = ProductImage
        fields = ["url", "alt", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["url"].validators.append(image_url_validate)


class AttributesFormField(forms.JSONField):
    def prepare_value(self, value) -> str:
        # A refused value goes back to the page; a lone surrogate ("\ud800" in
        # the JSON typed) cannot be encoded as UTF-8, so keep it as its escape.
        text = super().prepare_value(value)
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


class ProductAdminForm(forms.ModelForm):
    class Meta:
        model = Product
        # Categories are edited in their inline (ProductCategoryInline).
        fields = [
            "sku",
            "name",
            "description",
            "price",
            "stock",
            "is_active",
            "attributes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The API's checks, so text jsonb cannot store is a form error, not a 500.
        self.fields["attributes"].validators.append(attributes_validate)
        # Stock changes under the form while it is open (every checkout takes
        # some). Carrying the value the page showed lets `changed_data` tell a
        # stock the staff member typed from one they merely left as it was.
        self.fields["stock"].show_hidden_initial = True


class ProductImageInline(admin.TabularInline):
    model = ProductImage
    form = ProductImageAdminForm
    extra = 1
    fields = ["url", "alt", "position"]
    ordering = ["position", "id"]


ProductCategory = Product.categories.through


class ProductCategoryInline(admin.TabularInline):
    """The product's categories, one row each, picked by searching their names
    (so the page does not list every category once per row)."""

    model = ProductCategory
    fields = ["category"]
    autocomplete_fields = ["category"]
    extra = 1
    verbose_name = "category"
    verbose_name_plural = "categories"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Each row's label is its category's name (models.py): one join, not a query per row.
        return super().get_queryset(request).select_related("category").order_by("category__name")


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    form = ProductAdminForm
    formfield_overrides = {models.JSONField: {"form_class": AttributesFormField}}
    list_display = ["sku", "name", "price", "currency", "stock", "is_active", "updated_at"]
    list_display_links = ["sku", "name"]
    list_filter = ["is_active", "categories"]
    search_fields = ["sku", "name"]
    ordering = ["sku"]
    inlines = [ProductCategoryInline, ProductImageInline]
    readonly_fields = ["id", "currency", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["id", "sku", "name", "description"]}),
        ("Sales", {"fields": ["price", "currency", "stock", "is_active"]}),
        ("Details", {"fields": ["attributes", "created_at", "updated_at"]}),
    ]
    actions = ["activate", "deactivate"]
    list_per_page = 50

    def save_model(self, request: HttpRequest, obj: Product, form: forms.ModelForm, change: bool):
        """Saves through the catalog's services, as the API does. A change sets
        only the fields the staff member changed, on the row locked and read
        afresh: writing back the whole form would put back the stock the page
        was loaded with, undoing every reservation taken meanwhile (overselling)."""
        if change:
            data = {
                name: form.cleaned_data[name]
                for name in form.changed_data
                if name in services.PRODUCT_UPDATE_FIELDS
            }
            saved = services.product_update(product_id=obj.pk, data=data)
        else:
            saved = services.product_create(
                **{
                    name: form.cleaned_data[name]
                    for name in services.PRODUCT_UPDATE_FIELDS
                    if name in form.cleaned_data
                }
            )
            # The inlines were bound to `obj`: it becomes the row just created.
            obj._state.adding = False
            obj._state.db = saved._state.db
        for field in Product._meta.concrete_fields:
            setattr(obj, field.attname, getattr(saved, field.attname))

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
