"""Staff console for payments at /admin/payments/: read-only, with refunds
through the same service the API uses."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect

from payments import services
from payments.exceptions import PaymentError
from payments.models import CallbackOutbox, Payment, PaymentTransaction

admin.site.site_header = "Shop payments"
admin.site.site_title = "Shop payments admin"
admin.site.index_title = "Payments"


class ReadOnlyAdminMixin:
    """Payments are made by customers and refunds by the service, never by
    editing rows."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class InputCheckedAdminMixin:
    """Turns the admin inputs Django lets through to a 500 into its own
    answers: a list URL with a NUL byte in a parameter (PostgreSQL refuses it
    in a query) or a year too large for a date becomes Django's "invalid
    filters" redirect (?e=1); an action posted with a selected id that is not
    one of this model's ids is an error message, and nothing is done."""

    def get_changelist_instance(self, request):
        if any("\x00" in value for _, values in request.GET.lists() for value in values):
            raise IncorrectLookupParameters("A parameter holds a NUL byte.")
        try:
            return super().get_changelist_instance(request)
        except OverflowError as exc:  # ?created_at__year=99999999999
            raise IncorrectLookupParameters(str(exc)) from exc

    def response_action(self, request, queryset):
        primary_key = self.model._meta.pk
        for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
            try:
                primary_key.to_python(value)
            except (ValidationError, ValueError, TypeError):
                self.message_user(
                    request, "The selection holds an id that is not valid.", messages.ERROR
                )
                return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)


class PaymentTransactionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = PaymentTransaction
    fields = ["kind", "amount", "status", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Payment)
class PaymentAdmin(InputCheckedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "id",
        "order_id",
        "user_id",
        "amount",
        "currency",
        "status",
        "provider",
        "card_last4",
        "created_at",
    ]
    list_filter = ["status", "provider", "created_at"]
    search_fields = ["=id", "=order_id", "=user_id"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in Payment._meta.fields]
    inlines = [PaymentTransactionInline]
    actions = ["refund"]

    def has_refund_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    @admin.action(description="Refund selected payments", permissions=["refund"])
    def refund(self, request, queryset):
        refunded = 0
        for payment in queryset.order_by("created_at"):
            try:
                services.payment_refund(
                    payment_id=payment.pk, actor=f"staff:{request.user.get_username()}"
                )
            except PaymentError as exc:
                self.message_user(request, f"Payment {payment.pk}: {exc.message}", messages.ERROR)
            else:
                refunded += 1
        if refunded:
            self.message_user(request, f"Refunded {refunded} payment(s).", messages.SUCCESS)


@admin.register(CallbackOutbox)
class CallbackOutboxAdmin(InputCheckedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "id",
        "order_id",
        "payment",
        "status",
        "attempts",
        "next_attempt_at",
        "delivered_at",
        "last_error",
    ]
    list_filter = ["status"]
    list_select_related = ["payment"]
    search_fields = ["=order_id", "=payment__id"]
    readonly_fields = [field.name for field in CallbackOutbox._meta.fields]
    actions = ["retry"]

    def has_retry_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    @admin.action(description="Retry delivery of failed callbacks", permissions=["retry"])
    def retry(self, request, queryset):
        retried = sum(
            services.callback_retry(callback_id=pk) for pk in queryset.values_list("pk", flat=True)
        )
        self.message_user(request, f"{retried} callback(s) queued again.", messages.SUCCESS)
