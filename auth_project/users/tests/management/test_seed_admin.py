import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from users.models import Role, User
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADMIN_PASSWORD = "admin-password-change-me"


@pytest.fixture
def admin_env(monkeypatch):
    monkeypatch.setenv("ADMIN_EMAIL", "Admin@Example.com")
    monkeypatch.setenv("ADMIN_PASSWORD", ADMIN_PASSWORD)


def test_seed_admin_creates_an_active_staff_superuser_admin(admin_env, capsys):
    call_command("seed_admin")

    admin = User.objects.get(email="admin@example.com")
    assert (admin.role, admin.is_staff, admin.is_superuser, admin.is_active) == (
        Role.ADMIN,
        True,
        True,
        True,
    )
    assert admin.check_password(ADMIN_PASSWORD)
    assert "Created admin admin@example.com" in capsys.readouterr().out


def test_seed_admin_twice_leaves_exactly_one_admin(admin_env, capsys):
    call_command("seed_admin")
    call_command("seed_admin")

    assert User.objects.filter(role=Role.ADMIN).count() == 1
    assert User.objects.count() == 1
    assert "Updated admin admin@example.com" in capsys.readouterr().out


def test_seed_admin_promotes_and_reactivates_an_existing_user(admin_env):
    UserFactory(email="admin@example.com", is_active=False)

    call_command("seed_admin")

    admin = User.objects.get(email="admin@example.com")
    assert (admin.role, admin.is_staff, admin.is_active) == (Role.ADMIN, True, True)
    assert admin.check_password(ADMIN_PASSWORD)


def test_a_new_admin_password_ends_the_admins_sessions(admin_env, monkeypatch, login):
    call_command("seed_admin")
    tokens = login("admin@example.com", ADMIN_PASSWORD)
    monkeypatch.setenv("ADMIN_PASSWORD", "another-admin-passphrase-5")

    call_command("seed_admin")

    assert APIClient().post("/auth/refresh", {"refresh": tokens["refresh"]}).status_code == 401


def test_the_seeded_admin_can_log_in_with_the_admin_role(admin_env, login):
    call_command("seed_admin")

    tokens = login("admin@example.com", ADMIN_PASSWORD)

    assert tokens["access"]


@pytest.mark.parametrize("missing", ["ADMIN_EMAIL", "ADMIN_PASSWORD"])
def test_seed_admin_fails_clearly_without_its_env(admin_env, monkeypatch, missing):
    monkeypatch.delenv(missing)

    with pytest.raises(CommandError, match=missing):
        call_command("seed_admin")

    assert not User.objects.exists()


def test_seed_admin_refuses_a_weak_password(admin_env, monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "123")

    with pytest.raises(CommandError, match="Admin not seeded"):
        call_command("seed_admin")

    assert not User.objects.exists()


def test_seed_admin_refuses_a_malformed_email(admin_env, monkeypatch):
    monkeypatch.setenv("ADMIN_EMAIL", "not-an-email")

    with pytest.raises(CommandError, match="Admin not seeded"):
        call_command("seed_admin")

    assert not User.objects.exists()
