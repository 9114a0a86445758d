"""Staff access to the catalog admin (shop_common.admin_access): single
sign-on with the gateway's token, staff rights re-checked with the auth
service, sessions that end. Auth is stubbed at the HTTP boundary; an
unstubbed call fails as a connection error, as a down service would."""

import uuid
from datetime import timedelta

import pytest
import responses
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages

from shop_common import roles
from shop_common.admin_access import (
    SESSION_AUTH_USER_ID,
)
from shop_common.testing import access_token_mint, admin_session_age

pytestmark = pytest.mark.django_db

ADMIN = "/admin/catalog/"
LOGIN = f"{ADMIN}login/"
STAFF_ID = str(uuid.uuid4())
STAFF_EMAIL = "staff@example.com"


def _auth(path: str) -> str:
    return f"{settings.SERVICE_URLS['auth']}{path}"


def _rights_stub(
    *,
    user_id: str = STAFF_ID,
    role: str = roles.ADMIN,
    is_active: bool = True,
    status: int = 200,
) -> responses.BaseResponse:
    body = {"id": user_id, "email": STAFF_EMAIL, "role": role, "is_active": is_active}
    return responses.get(
        _auth(f"/internal/users/{user_id}"),
        json=body if status == 200 else {"detail": "No such user."},
        status=status,
    )


def _bearer(*, role: str = roles.ADMIN, user_id: str = STAFF_ID, **kwargs) -> dict[str, str]:
    token = access_token_mint(user_id=user_id, email=STAFF_EMAIL, role=role, **kwargs)
    return {"Authorization": f"Bearer {token}"}


def _signed_in_with_token(client) -> None:
    """Signs the staff member in as the gateway does, then forgets the stub."""
    with responses.RequestsMock() as stub:
        stub.get(
            _auth(f"/internal/users/{STAFF_ID}"),
            json={"id": STAFF_ID, "email": STAFF_EMAIL, "role": roles.ADMIN, "is_active": True},
        )
        assert client.get(ADMIN, headers=_bearer()).status_code == 200


def _refused(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN)


# --- single sign-on -------------------------------------------------------


@responses.activate
def test_an_admin_token_signs_the_staff_member_in(client):
    rights = _rights_stub()

    response = client.get(ADMIN, headers=_bearer())

    assert response.status_code == 200
    assert "catalog_sessionid" in response.cookies
    assert rights.call_count == 1
    assert responses.calls[0].request.headers["Authorization"].startswith("Service ")
    staff = get_user_model().objects.get(username=STAFF_EMAIL)
    assert staff.is_staff and not staff.has_usable_password()
    assert client.session[SESSION_AUTH_USER_ID] == STAFF_ID


@responses.activate
def test_the_session_then_works_without_the_token_and_without_asking_auth(client):
    _signed_in_with_token(client)

    first = client.get(ADMIN)
    second = client.get(f"{ADMIN}products/product/", headers=_bearer())

    assert (first.status_code, second.status_code) == (200, 200)
    assert len(responses.calls) == 0


@responses.activate
def test_a_customers_token_does_not_open_the_admin(client):
    response = client.get(ADMIN, headers=_bearer(role=roles.CUSTOMER))

    assert _refused(response)
    assert len(responses.calls) == 0
    assert not get_user_model().objects.exists()


@responses.activate
@pytest.mark.parametrize(
    "authorization",
    [
        "Bearer not-a-token",
        "Bearer ",
        "Basic c3RhZmY6c2VjcmV0",
        # Signed with another key.
        "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.c2lnbmF0dXJl",
    ],
)
def test_a_bad_token_is_ignored_and_the_login_page_answers(client, authorization):
    response = client.get(ADMIN, headers={"Authorization": authorization})

    assert _refused(response)
    assert len(responses.calls) == 0


@responses.activate
def test_an_expired_admin_token_is_ignored(client):
    response = client.get(ADMIN, headers=_bearer(lifetime=timedelta(seconds=-60)))

    assert _refused(response)
    assert len(responses.calls) == 0


@responses.activate
def test_an_admin_token_of_someone_auth_no_longer_calls_admin_is_refused(client):
    _rights_stub(role=roles.CUSTOMER)

    response = client.get(ADMIN, headers=_bearer())

    assert _refused(response)
    assert not get_user_model().objects.exists()


@responses.activate
def test_an_admin_token_while_auth_is_down_is_a_503_page_not_a_500(client):
    response = client.get(ADMIN, headers=_bearer())

    assert response.status_code == 503
    assert b"staff rights could not be checked" in response.content.lower()
    assert response["Retry-After"]


@responses.activate
def test_another_admins_token_replaces_the_session(client):
    _signed_in_with_token(client)
    other_id = str(uuid.uuid4())
    responses.get(
        _auth(f"/internal/users/{other_id}"),
        json={"id": other_id, "email": "other@example.com", "role": "admin", "is_active": True},
    )

    response = client.get(ADMIN, headers=_bearer(user_id=other_id))

    assert response.status_code == 200
    assert client.session[SESSION_AUTH_USER_ID] == other_id
    assert response.wsgi_request.user.username == "other@example.com"


# --- the re-check ---------------------------------------------------------


@responses.activate
def test_within_the_window_auth_is_not_asked(client):
    _signed_in_with_token(client)
    admin_session_age(client, rights_checked=settings.ADMIN_STAFF_RECHECK_SECONDS - 5)

    assert client.get(ADMIN).status_code == 200
    assert len(responses.calls) == 0


@responses.activate
def test_after_the_window_a_staff_member_still_admin_stays_signed_in(client):
    _signed_in_with_token(client)
    admin_session_age(client, rights_checked=settings.ADMIN_STAFF_RECHECK_SECONDS)
    rights = _rights_stub()

    assert client.get(ADMIN).status_code == 200
    assert client.get(ADMIN).status_code == 200
    assert rights.call_count == 1


@responses.activate
@pytest.mark.parametrize(
    "answer",
    [
        {"role": roles.CUSTOMER},
        {"is_active": False},
        {"status": 404},
    ],
    ids=["demoted", "deactivated", "deleted"],
)
def test_after_the_window_a_withdrawn_staff_member_is_signed_out(client, answer):
    _signed_in_with_token(client)
    admin_session_age(client, rights_checked=settings.ADMIN_STAFF_RECHECK_SECONDS)
    rights = _rights_stub(**answer)

    response = client.get(f"{ADMIN}products/product/")
    following = client.get(ADMIN)

    assert _refused(response)
    assert _refused(following)
    assert rights.call_count == 1
    assert SESSION_AUTH_USER_ID not in client.session
    login_page = client.get(following["Location"])
    assert "Your staff access has ended." in login_page.content.decode()


@responses.activate
def test_a_demoted_admins_gateway_token_does_not_sign_them_back_in(client):
    _signed_in_with_token(client)
    admin_session_age(client, rights_checked=settings.ADMIN_STAFF_RECHECK_SECONDS)
    rights = _rights_stub(role=roles.CUSTOMER)

    response = client.get(ADMIN, headers=_bearer())

    assert _refused(response)
    assert rights.call_count == 1
    assert _refused(client.get(ADMIN, headers=_bearer()))


@responses.activate
def test_auth_down_at_the_recheck_is_a_503_and_the_session_survives(client):
    _signed_in_with_token(client)
    admin_session_age(client, rights_checked=settings.ADMIN_STAFF_RECHECK_SECONDS)

    down = client.get(f"{ADMIN}products/product/")
    rights = _rights_stub()
    back = client.get(f"{ADMIN}products/product/")

    assert down.status_code == 503
    assert b"staff rights could not be checked" in down.content.lower()
    assert back.status_code == 200
    assert rights.call_count == 1


@responses.activate
def test_auth_refusing_this_service_is_treated_as_down(client):
    _signed_in_with_token(client)
    admin_session_age(client, rights_checked=settings.ADMIN_STAFF_RECHECK_SECONDS)
    _rights_stub(status=403)

    assert client.get(ADMIN).status_code == 503


@responses.activate
def test_signing_out_works_while_auth_is_down(client):
    _signed_in_with_token(client)
    admin_session_age(client, rights_checked=settings.ADMIN_STAFF_RECHECK_SECONDS)

    response = client.post(f"{ADMIN}logout/")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@responses.activate
def test_a_session_without_a_recorded_auth_id_ends_at_the_recheck(staff_client):
    # force_login: a local record with no auth-service id to check.
    admin_session_age(staff_client, rights_checked=settings.ADMIN_STAFF_RECHECK_SECONDS)

    assert _refused(staff_client.get(ADMIN))
    assert len(responses.calls) == 0


# --- the session's maximum age --------------------------------------------


@responses.activate
def test_a_session_older_than_eight_hours_is_ended_whatever_the_activity(client):
    _signed_in_with_token(client)
    admin_session_age(client, signed_in=8 * 3600)

    response = client.get(ADMIN)

    assert settings.ADMIN_SESSION_MAX_SECONDS == 8 * 3600
    assert _refused(response)
    assert _refused(client.get(ADMIN))
    assert len(responses.calls) == 0
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["Your staff session has ended. Please sign in again."]


@responses.activate
def test_an_old_session_with_the_gateways_token_starts_a_new_one(client):
    _signed_in_with_token(client)
    admin_session_age(client, signed_in=8 * 3600)
    old_key = client.session.session_key
    _rights_stub()

    response = client.get(ADMIN, headers=_bearer())

    assert response.status_code == 200
    assert client.session.session_key != old_key


def test_the_session_cookie_lives_eight_hours(client):
    with responses.RequestsMock() as stub:
        stub.get(
            _auth(f"/internal/users/{STAFF_ID}"),
            json={"id": STAFF_ID, "email": STAFF_EMAIL, "role": roles.ADMIN, "is_active": True},
        )
        response = client.get(ADMIN, headers=_bearer())

    cookie = response.cookies["catalog_sessionid"]
    assert cookie["max-age"] == 8 * 3600
    assert cookie["path"] == ADMIN


# --- the area's own login form ---------------------------------------------


def _login_stub(*, status: int = 200) -> responses.BaseResponse:
    token = access_token_mint(user_id=STAFF_ID, email=STAFF_EMAIL, role=roles.ADMIN)
    return responses.post(
        _auth("/auth/login"),
        json={"access": token} if status == 200 else {"detail": "No."},
        status=status,
    )


@responses.activate
def test_the_form_sign_in_passes_the_gateways_forwarded_for_to_auth(client):
    login = _login_stub(status=401)

    client.post(
        LOGIN,
        {"username": STAFF_EMAIL, "password": "wrong"},
        headers={"X-Forwarded-For": "198.51.100.4, 203.0.113.7"},
    )

    assert login.calls[0].request.headers["X-Forwarded-For"] == "198.51.100.4, 203.0.113.7"


@responses.activate
def test_the_form_sign_in_reached_directly_passes_the_address_it_saw(client):
    login = _login_stub(status=401)

    client.post(LOGIN, {"username": STAFF_EMAIL, "password": "wrong"}, REMOTE_ADDR="192.0.2.9")

    assert login.calls[0].request.headers["X-Forwarded-For"] == "192.0.2.9"


@responses.activate
def test_a_form_sign_in_is_re_checked_like_a_token_one(client):
    _login_stub()
    client.post(LOGIN, {"username": STAFF_EMAIL, "password": "secret"})
    assert client.session[SESSION_AUTH_USER_ID] == STAFF_ID
    assert client.get(ADMIN).status_code == 200
    admin_session_age(client, rights_checked=settings.ADMIN_STAFF_RECHECK_SECONDS)
    rights = _rights_stub(is_active=False)

    assert _refused(client.get(ADMIN))
    assert rights.call_count == 1
