import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from users.models import Role, User
from users.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_create_user_stores_the_email_in_lower_case_and_hashes_the_password():
    user = User.objects.create_user("Some.One@Example.COM", PASSWORD)

    assert user.email == "some.one@example.com"
    assert user.password != PASSWORD
    assert user.check_password(PASSWORD)
    assert user.role == Role.CUSTOMER
    assert not user.is_staff


def test_create_user_with_the_admin_role_makes_a_staff_member():
    user = User.objects.create_user("boss@example.com", PASSWORD, role=Role.ADMIN)

    assert user.is_staff


def test_create_superuser_makes_an_active_staff_admin():
    user = User.objects.create_superuser("root@example.com", PASSWORD)

    assert (user.role, user.is_staff, user.is_superuser, user.is_active) == (
        Role.ADMIN,
        True,
        True,
        True,
    )


def test_create_user_needs_an_email():
    with pytest.raises(ValueError):
        User.objects.create_user("", PASSWORD)


def test_the_database_refuses_a_customer_who_is_staff():
    with pytest.raises(IntegrityError):
        UserFactory(role=Role.CUSTOMER, is_staff=True)


def test_the_database_refuses_an_unknown_role():
    with pytest.raises(IntegrityError):
        UserFactory(role="superhero")


def test_full_clean_reports_a_case_insensitive_duplicate():
    UserFactory(email="dup@example.com")

    with pytest.raises(ValidationError):
        User(email="DUP@example.com", password="x").full_clean()


def test_clean_makes_staff_follow_the_role():
    user = UserFactory(role=Role.ADMIN, is_staff=True)
    user.role = Role.CUSTOMER

    user.clean()

    assert user.is_staff is False


def test_the_primary_key_is_a_uuid():
    user = UserFactory()

    assert len(str(user.pk)) == 36
