"""How admin_scoped() wires staff access into an admin service's settings."""

import pytest

from shop_common import settings as shared

ACCESS = "shop_common.admin_access.StaffAccessMiddleware"


def test_an_admin_gets_the_staff_access_middleware_after_auth_and_messages():
    middleware = shared.admin_scoped(service="catalog", path="admin/catalog/")["MIDDLEWARE"]

    assert middleware.count(ACCESS) == 1
    position = middleware.index(ACCESS)
    assert position > middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware")
    assert position > middleware.index("django.contrib.messages.middleware.MessageMiddleware")
    assert [m for m in middleware if m != ACCESS] == shared.MIDDLEWARE


def test_services_without_an_admin_never_get_it():
    # Cart and gateway build MIDDLEWARE from the shared list and never call admin_scoped().
    assert ACCESS not in shared.MIDDLEWARE


def test_a_middleware_list_without_sessions_auth_is_refused():
    with pytest.raises(ValueError, match="AuthenticationMiddleware"):
        shared.admin_middleware(["django.middleware.common.CommonMiddleware"])


def test_an_admin_knows_its_prefix_windows_and_session_lifetime():
    settings = shared.admin_scoped(service="order", path="admin/orders/")

    assert settings["ADMIN_URL_PREFIX"] == "/admin/orders/"
    assert settings["ADMIN_STAFF_RECHECK_SECONDS"] == 300
    assert settings["ADMIN_SESSION_MAX_SECONDS"] == 8 * 3600
    assert settings["SESSION_COOKIE_AGE"] == 8 * 3600
    assert settings["ADMIN_STAFF_RIGHTS_LOCAL"] is False
    assert settings["MESSAGE_STORAGE"].endswith("SessionStorage")


def test_the_auth_admin_reads_staff_rights_from_its_own_users():
    settings = shared.admin_scoped(service="auth", path="admin/users/", sign_in_with_auth=False)

    assert settings["ADMIN_STAFF_RIGHTS_LOCAL"] is True
    assert "AUTHENTICATION_BACKENDS" not in settings


def test_the_gateways_origins_are_trusted_by_default(monkeypatch):
    monkeypatch.delenv("GATEWAY_PUBLIC_ORIGINS", raising=False)
    monkeypatch.delenv("DJANGO_CSRF_TRUSTED_ORIGINS", raising=False)

    settings = shared.admin_scoped(service="payment", path="admin/payments/")

    assert settings["CSRF_TRUSTED_ORIGINS"] == ["http://127.0.0.1:8000", "http://localhost:8000"]


def test_the_gateways_public_origins_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("GATEWAY_PUBLIC_ORIGINS", "https://shop.example.com/")
    monkeypatch.setenv(
        "DJANGO_CSRF_TRUSTED_ORIGINS", "https://staff.example.com,https://shop.example.com"
    )

    assert shared.csrf_trusted_origins() == [
        "https://shop.example.com",
        "https://staff.example.com",
    ]


def test_the_windows_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("ADMIN_STAFF_RECHECK_SECONDS", "60")
    monkeypatch.setenv("ADMIN_SESSION_MAX_SECONDS", "3600")

    settings = shared.admin_scoped(service="catalog", path="admin/catalog/")

    assert settings["ADMIN_STAFF_RECHECK_SECONDS"] == 60
    assert settings["SESSION_COOKIE_AGE"] == settings["ADMIN_SESSION_MAX_SECONDS"] == 3600
