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
    assert "Admin admin@example.com exists: left as it is" in capsys.readouterr().out


def test_seed_admin_never_resets_the_password_an_admin_chose(admin_env, login):
    call_command("seed_admin")
    admin = User.objects.get(email="admin@example.com")
    admin.set_password("the-admins-own-passphrase-7")
    admin.save()
    tokens = login("admin@example.com", "the-admins-own-passphrase-7")

    call_command("seed_admin")

    admin.refresh_from_db()
    assert admin.check_password("the-admins-own-passphrase-7")
    assert not admin.check_password(ADMIN_PASSWORD)
    # ...and their sessions go on.
    assert APIClient().post("/auth/refresh", {"refresh": tokens["refresh"]}).status_code == 200


def test_a_new_admin_password_in_the_environment_changes_nothing_without_reset(
    admin_env, monkeypatch, login
):
    call_command("seed_admin")
    tokens = login("admin@example.com", ADMIN_PASSWORD)
    monkeypatch.setenv("ADMIN_PASSWORD", "another-admin-passphrase-5")

    call_command("seed_admin")

    assert User.objects.get(email="admin@example.com").check_password(ADMIN_PASSWORD)
    assert APIClient().post("/auth/refresh", {"refresh": tokens["refresh"]}).status_code == 200


def test_reset_password_sets_the_new_password_and_ends_the_admins_sessions(
    admin_env, monkeypatch, login, capsys
):
    call_command("seed_admin")
    tokens = login("admin@example.com", ADMIN_PASSWORD)
    monkeypatch.setenv("ADMIN_PASSWORD", "another-admin-passphrase-5")

    call_command("seed_admin", "--reset-password")

    assert User.objects.get(email="admin@example.com").check_password("another-admin-passphrase-5")
    assert APIClient().post("/auth/refresh", {"refresh": tokens["refresh"]}).status_code == 401
    assert "Reset the password of admin admin@example.com" in capsys.readouterr().out


def test_reset_password_creates_the_admin_when_missing(admin_env):
    call_command("seed_admin", "--reset-password")

    assert User.objects.get(email="admin@example.com").check_password(ADMIN_PASSWORD)


@pytest.mark.parametrize(
    "existing",
    [{"role": Role.CUSTOMER}, {"role": Role.ADMIN, "is_staff": True, "is_active": False}],
    ids=["customer", "deactivated-admin"],
)
def test_an_existing_customer_or_deactivated_admin_is_left_as_it_is(admin_env, capsys, existing):
    UserFactory(email="admin@example.com", password="their-own-passphrase-9", **existing)

    call_command("seed_admin")

    user = User.objects.get(email="admin@example.com")
    assert (user.role, user.is_active) == (existing["role"], existing.get("is_active", True))
    assert user.check_password("their-own-passphrase-9")
    assert "left as it is, not made an admin" in capsys.readouterr().err


def test_reset_password_promotes_and_reactivates_an_existing_user(admin_env):
    UserFactory(email="admin@example.com", is_active=False)

    call_command("seed_admin", "--reset-password")

    admin = User.objects.get(email="admin@example.com")
    assert (admin.role, admin.is_staff, admin.is_active) == (Role.ADMIN, True, True)
    assert admin.check_password(ADMIN_PASSWORD)


def test_reset_password_refuses_a_weak_password_and_changes_nothing(admin_env, monkeypatch):
    call_command("seed_admin")
    monkeypatch.setenv("ADMIN_PASSWORD", "123")

    with pytest.raises(CommandError, match="Admin not seeded"):
        call_command("seed_admin", "--reset-password")

    assert User.objects.get(email="admin@example.com").check_password(ADMIN_PASSWORD)


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
