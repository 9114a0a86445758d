"""Staff access to the auth admin (/admin/users/) through
shop_common.admin_access: here the staff member is the auth user itself, so
the gateway's token signs them in and their rights are re-read from this
service's own database, never over HTTP."""

import uuid
from datetime import timedelta

import pytest
import responses
from django.conf import settings
from django.test import Client

from shop_common import roles
from shop_common.admin_access import (
    SESSION_AUTH_USER_ID,
    SESSION_RIGHTS_CHECKED_AT,
    SESSION_SIGNED_IN_AT,
)
from shop_common.testing import access_token_mint, admin_session_age
from users.tests.factories import PASSWORD, AdminFactory, UserFactory

pytestmark = pytest.mark.django_db

ADMIN = "/admin/users/"
LOGIN = f"{ADMIN}login/"


def _bearer(user, *, role: str | None = None, **kwargs) -> dict[str, str]:
    token = access_token_mint(
        user_id=str(user.id), email=user.email, role=role or user.role, **kwargs
    )
    return {"Authorization": f"Bearer {token}"}


def _refused(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN)


@pytest.fixture
def staff():
    return AdminFactory(email="staff@example.com")


@responses.activate
def test_an_admin_token_signs_the_admin_in_without_any_http_call(staff):
    client = Client()

    response = client.get(ADMIN, headers=_bearer(staff))

    assert response.status_code == 200
    assert "auth_sessionid" in response.cookies
    assert response.wsgi_request.user == staff
    assert client.session[SESSION_AUTH_USER_ID] == str(staff.id)
    assert len(responses.calls) == 0


def test_a_customers_token_does_not_open_the_admin():
    customer = UserFactory()

    assert _refused(Client().get(ADMIN, headers=_bearer(customer)))


def test_a_token_claiming_admin_for_a_customer_is_refused_by_the_database():
    customer = UserFactory()

    assert _refused(Client().get(ADMIN, headers=_bearer(customer, role=roles.ADMIN)))


def test_an_admin_token_of_a_deactivated_or_unknown_admin_is_refused(staff):
    gone = AdminFactory(is_active=False)
    unknown = AdminFactory.build(id=uuid.uuid4())

    assert _refused(Client().get(ADMIN, headers=_bearer(gone)))
    assert _refused(Client().get(ADMIN, headers=_bearer(unknown)))


def test_an_expired_admin_token_is_ignored(staff):
    response = Client().get(ADMIN, headers=_bearer(staff, lifetime=timedelta(seconds=-60)))

    assert _refused(response)


def test_the_sign_in_form_records_the_session_like_the_token(staff):
    client = Client()

    client.post(LOGIN, {"username": staff.email, "password": PASSWORD})

    assert client.session[SESSION_AUTH_USER_ID] == str(staff.id)
    assert client.session[SESSION_SIGNED_IN_AT] == client.session[SESSION_RIGHTS_CHECKED_AT]
    assert client.get(ADMIN).status_code == 200


def test_after_the_window_a_demoted_admin_is_signed_out(staff):
    client = Client()
    client.get(ADMIN, headers=_bearer(staff))
    admin_session_age(client, rights_checked=settings.ADMIN_STAFF_RECHECK_SECONDS)
    staff.role, staff.is_staff = roles.CUSTOMER, False
    staff.save()

    response = client.get(ADMIN)

    assert _refused(response)
    assert _refused(client.get(ADMIN))
    assert "Your staff access has ended." in client.get(LOGIN).content.decode()


def test_after_the_window_an_admin_still_admin_stays_and_the_check_is_renewed(staff):
    client = Client()
    client.get(ADMIN, headers=_bearer(staff))
    admin_session_age(client, rights_checked=settings.ADMIN_STAFF_RECHECK_SECONDS)
    aged = client.session[SESSION_RIGHTS_CHECKED_AT]

    assert client.get(ADMIN).status_code == 200
    assert client.session[SESSION_RIGHTS_CHECKED_AT] > aged


def test_a_session_older_than_eight_hours_is_ended(staff):
    client = Client()
    client.get(ADMIN, headers=_bearer(staff))
    admin_session_age(client, signed_in=settings.ADMIN_SESSION_MAX_SECONDS)

    assert _refused(client.get(ADMIN))
    assert _refused(client.get(ADMIN))
