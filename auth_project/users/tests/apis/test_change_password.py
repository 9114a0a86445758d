import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from users.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

URL = "/auth/change-password"
NEW_PASSWORD = "a-brand-new-passphrase-7"


def test_changing_the_password_is_204_and_the_new_one_works(authed_client, user, api_client):
    response = authed_client.post(
        URL, {"old_password": PASSWORD, "new_password": NEW_PASSWORD}, format="json"
    )

    assert response.status_code == 204
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    login = api_client.post("/auth/login", {"email": user.email, "password": NEW_PASSWORD})
    assert login.status_code == 200


def test_changing_the_password_ends_every_refresh_token_of_the_user(user, login):
    sessions = [login(user.email) for _ in range(3)]
    rotated = APIClient().post("/auth/refresh", {"refresh": sessions[0]["refresh"]}).json()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {sessions[1]['access']}")

    changed = client.post(URL, {"old_password": PASSWORD, "new_password": NEW_PASSWORD})

    assert changed.status_code == 204
    for refresh in [rotated["refresh"], sessions[1]["refresh"], sessions[2]["refresh"]]:
        response = APIClient().post("/auth/refresh", {"refresh": refresh})
        assert response.status_code == 401


def test_other_users_sessions_survive_a_password_change(authed_client, login):
    other = login(UserFactory().email)

    changed = authed_client.post(URL, {"old_password": PASSWORD, "new_password": NEW_PASSWORD})

    assert changed.status_code == 204
    assert APIClient().post("/auth/refresh", {"refresh": other["refresh"]}).status_code == 200


def test_a_wrong_old_password_is_400_and_changes_nothing(authed_client, user, login):
    tokens = login(user.email)

    response = authed_client.post(
        URL, {"old_password": "not-my-password", "new_password": NEW_PASSWORD}
    )

    assert response.status_code == 400
    assert "old_password" in response.json()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert APIClient().post("/auth/refresh", {"refresh": tokens["refresh"]}).status_code == 200


@pytest.mark.parametrize("weak", ["short", "password", "1234567890"])
def test_a_weak_new_password_is_400_and_changes_nothing(authed_client, user, weak):
    response = authed_client.post(URL, {"old_password": PASSWORD, "new_password": weak})

    assert response.status_code == 400
    assert "new_password" in response.json()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_changing_the_password_needs_a_token(api_client):
    response = api_client.post(URL, {"old_password": PASSWORD, "new_password": NEW_PASSWORD})

    assert response.status_code == 401


def test_missing_fields_are_400_keyed_by_field(authed_client):
    response = authed_client.post(URL, {}, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"old_password", "new_password"}


@override_settings(AUTH_LOGIN_FAILURES_PER_EMAIL_ADDRESS=3)
def test_guessing_the_old_password_is_throttled_like_a_login(authed_client, user):
    statuses = [
        authed_client.post(
            URL, {"old_password": f"guess-{n}", "new_password": NEW_PASSWORD}
        ).status_code
        for n in range(3)
    ]

    # Even the right old password is refused while the email is throttled.
    response = authed_client.post(URL, {"old_password": PASSWORD, "new_password": NEW_PASSWORD})

    assert statuses == [400, 400, 400]
    assert response.status_code == 429
    assert "detail" in response.json()
    assert int(response["Retry-After"]) > 0
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@override_settings(AUTH_LOGIN_FAILURES_PER_EMAIL_ADDRESS=3)
def test_wrong_old_passwords_count_against_logins_of_that_email_from_that_address(
    authed_client, user, api_client
):
    for n in range(3):
        authed_client.post(URL, {"old_password": f"guess-{n}", "new_password": NEW_PASSWORD})

    response = api_client.post("/auth/login", {"email": user.email, "password": PASSWORD})

    assert response.status_code == 429


@override_settings(AUTH_LOGIN_FAILURES_PER_EMAIL_ADDRESS=3)
def test_guessing_with_a_stolen_token_never_locks_the_owner_out_elsewhere(
    authed_client, user, api_client
):
    for n in range(10):
        authed_client.post(
            URL,
            {"old_password": f"guess-{n}", "new_password": NEW_PASSWORD},
            REMOTE_ADDR="203.0.113.66",
        )

    login = api_client.post(
        "/auth/login", {"email": user.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.20"
    )
    change = authed_client.post(
        URL,
        {"old_password": PASSWORD, "new_password": NEW_PASSWORD},
        REMOTE_ADDR="198.51.100.20",
    )

    assert login.status_code == 200
    assert change.status_code == 204
