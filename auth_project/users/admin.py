from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.urls import reverse
from django.utils.html import format_html

from users.forms import AdminLoginForm, PasswordChangeForm, UserChangeForm, UserCreationForm
from users.models import User

# The admin's sign-in shares the API's failed-login limits (see AdminLoginForm).
admin.site.login_form = AdminLoginForm
admin.site.site_header = "Shop users"
admin.site.site_title = "Shop users admin"
admin.site.index_title = "Users"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Users: search by email, role and active flag editable (is_staff follows
    the role, see User.clean). The password hash is never rendered: the
    change form (UserChangeForm) has no `password` field, and the page links
    to Django's password form instead."""

    form = UserChangeForm
    add_form = UserCreationForm
    change_password_form = PasswordChangeForm

    list_display = ("email", "role", "is_active", "is_staff", "created_at")
    list_filter = ("role", "is_active")
    search_fields = ("email",)
    ordering = ("-created_at",)
    readonly_fields = ("password_change_link", "is_staff", "created_at", "last_login")

    fieldsets = (
        (None, {"fields": ("email", "password_change_link")}),
        (
            "Permissions",
            {
                "fields": (
                    "role",
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        ("Dates", {"fields": ("created_at", "last_login")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("email", "role", "password1", "password2")},
        ),
    )

    @admin.display(description="Password")
    def password_change_link(self, obj: User) -> str:
        # Django's UserAdmin names this URL after auth.User whatever the model.
        url = reverse("admin:auth_user_password_change", args=[obj.pk])
        return format_html('<a href="{}">Set a new password</a>', url)
