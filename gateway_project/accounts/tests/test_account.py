"""/account: the profile and the password change (addresses: test_addresses.py)."""

import json

import pytest
import requests
from conftest import page_json

from accounts.tests.conftest import (
    ACCESS,
    REFRESH,
    auth_url,
    csrf_token_of,
    messages_of,
    order_url,
    token_pair,
    user_body,
)

PASSWORDS = {
    "old_password": "old horse battery",
    "new_password": "new horse battery staple",
    "new_password_again": "new horse battery staple",
}


# The page ----------------------------------------------------------------


def test_the_account_needs_a_signed_in_shopper(backends, client):
    response = client.get("/account")

    assert response.status_code == 302
    assert response["Location"] == "/login?next=/account"


def test_the_profile_comes_from_auth_with_the_shoppers_token(account_backends, shopper_client):
    response = shopper_client.get("/account")

    assert response.status_code == 200
    page = response.content.decode()
    assert (
        '<dd class="col-sm-8 text-break" data-testid="profile-email">ann@example.com</dd>' in page
    )
    assert 'data-testid="profile-role">Customer</dd>' in page
    assert 'data-testid="profile-member-since">14 March 2025</dd>' in page
    me_call = account_backends.calls[0]
    assert me_call.request.url == auth_url("/auth/me")
    assert me_call.request.headers["Authorization"] == f"Bearer {shopper_client.access_token}"


def test_the_page_has_the_password_and_address_forms(account_backends, shopper_client):
    page = shopper_client.get("/account").content.decode()

    for testid in (
        "password-form",
        "password-old",
        "password-new",
        "password-new-again",
        "password-submit",
        "address-form",
        "address-submit",
        "addresses-empty",
    ):
        assert f'data-testid="{testid}"' in page
    assert page.count('name="csrfmiddlewaretoken"') >= 3  # logout, password, address


def test_auth_down_shows_the_profile_from_the_token_with_a_notice(backends, shopper_client):
    backends.get(auth_url("/auth/me"), body=requests.ConnectionError("refused"))
    backends.get(order_url("/addresses"), json=page_json([]))

    response = shopper_client.get("/account")

    assert response.status_code == 200
    page = response.content.decode()
    assert "The auth service is unavailable." in page
    assert 'data-testid="profile-email">ann@example.com</dd>' in page
    assert 'data-testid="password-form"' in page
    assert 'data-testid="address-form"' in page


def test_a_profile_auth_refuses_ends_the_login(backends, shopper_client):
    backends.get(auth_url("/auth/me"), status=401, json={"detail": "User is inactive"})
    backends.get(order_url("/addresses"), json=page_json([]))

    response = shopper_client.get("/account")

    assert response.status_code == 302
    assert response["Location"] == "/login?next=/account"
    assert response.cookies[ACCESS]["max-age"] == 0
    assert REFRESH not in response.cookies  # the middleware tries it next time
    assert messages_of(response) == ["Your session has ended. Please log in again."]


def test_an_odd_profile_answer_is_shown_as_far_as_it_goes(backends, shopper_client):
    backends.get(
        auth_url("/auth/me"), json={"email": "ann@example.com", "created_at": "2025-13-45"}
    )
    backends.get(order_url("/addresses"), json=page_json([]))

    response = shopper_client.get("/account")

    assert response.status_code == 200
    assert 'data-testid="profile-member-since"><span class="text-muted">unknown' in (
        response.content.decode()
    )


def test_post_to_the_account_page_is_not_allowed(backends, shopper_client):
    assert shopper_client.post("/account").status_code == 405


# Password change -----------------------------------------------------------


@pytest.fixture
def password_changed(backends, shopper_client):
    backends.post(auth_url("/auth/change-password"), status=204)
    pair = token_pair(user_id=shopper_client.shopper_id)
    backends.post(auth_url("/auth/login"), json=pair)
    return pair


def test_changing_the_password_signs_in_again_with_fresh_cookies(
    backends, shopper_client, password_changed
):
    response = shopper_client.post("/account/password", PASSWORDS)

    assert response.status_code == 302
    assert response["Location"] == "/account"
    change_call, login_call = backends.calls
    assert change_call.request.headers["Authorization"] == f"Bearer {shopper_client.access_token}"
    assert json.loads(change_call.request.body) == {
        "old_password": "old horse battery",
        "new_password": "new horse battery staple",
    }
    assert json.loads(login_call.request.body) == {
        "email": "ann@example.com",
        "password": "new horse battery staple",
    }
    assert response.cookies[ACCESS].value == password_changed["access"]
    assert response.cookies[REFRESH].value == password_changed["refresh"]
    assert response.cookies[REFRESH]["httponly"] is True
    assert messages_of(response) == [
        "Your password was changed. Other devices will have to log in again."
    ]


def test_when_signing_in_again_fails_the_cookies_go_and_login_is_asked(backends, shopper_client):
    backends.post(auth_url("/auth/change-password"), status=204)
    backends.post(auth_url("/auth/login"), body=requests.ConnectionError("refused"))

    response = shopper_client.post("/account/password", PASSWORDS)

    assert response.status_code == 302
    assert response["Location"] == "/login?next=/account"
    assert response.cookies[ACCESS]["max-age"] == 0
    assert response.cookies[REFRESH]["max-age"] == 0
    assert messages_of(response) == ["Your password was changed. Please log in with the new one."]


def test_a_wrong_old_password_is_shown_beside_its_field(account_backends, shopper_client):
    account_backends.post(
        auth_url("/auth/change-password"),
        status=400,
        json={"old_password": ["The current password is wrong."]},
    )

    response = shopper_client.post("/account/password", PASSWORDS)

    assert response.status_code == 200
    assert response.context["password_form"].errors["old_password"] == [
        "The current password is wrong."
    ]
    page = response.content.decode()
    assert "The current password is wrong." in page
    assert "old horse battery" not in page
    assert "new horse battery staple" not in page
    assert ACCESS not in response.cookies


def test_a_weak_new_password_shows_every_reason(account_backends, shopper_client):
    account_backends.post(
        auth_url("/auth/change-password"),
        status=400,
        json={"new_password": ["This password is too short.", "This password is too common."]},
    )

    response = shopper_client.post("/account/password", PASSWORDS)

    assert response.context["password_form"].errors["new_password"] == [
        "This password is too short.",
        "This password is too common.",
    ]


def test_too_many_wrong_old_passwords_shows_the_wait(account_backends, shopper_client):
    account_backends.post(
        auth_url("/auth/change-password"),
        status=429,
        json={"detail": "Too many failed login attempts. Try again later."},
        headers={"Retry-After": "30"},
    )

    response = shopper_client.post("/account/password", PASSWORDS)

    assert "Too many failed attempts. Please wait 30 seconds and try again." in (
        response.content.decode()
    )


def test_auth_down_during_the_change_is_told_on_the_form(backends, shopper_client):
    backends.post(auth_url("/auth/change-password"), status=503, json={"detail": "down"})
    backends.get(auth_url("/auth/me"), status=503, json={"detail": "down"})
    backends.get(order_url("/addresses"), json=page_json([]))

    response = shopper_client.post("/account/password", PASSWORDS)

    assert response.status_code == 200
    assert "The auth service is unavailable. Your password was not changed." in (
        response.content.decode()
    )


def test_different_new_passwords_are_refused_before_auth(account_backends, shopper_client):
    response = shopper_client.post(
        "/account/password", {**PASSWORDS, "new_password_again": "something else"}
    )

    assert response.status_code == 200
    assert "The two new passwords differ." in response.content.decode()
    assert all("change-password" not in call.request.url for call in account_backends.calls)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"old_password": "x"},
        {**PASSWORDS, "new_password": "n" * 10_000, "new_password_again": "n" * 10_000},
        {**PASSWORDS, "old_password": "\x00"},
    ],
)
def test_weird_password_input_never_reaches_auth(account_backends, shopper_client, data):
    response = shopper_client.post("/account/password", data)

    assert response.status_code == 200
    assert all("change-password" not in call.request.url for call in account_backends.calls)


def test_a_password_change_needs_a_signed_in_shopper(backends, client):
    response = client.post("/account/password", PASSWORDS)

    assert response.status_code == 302
    assert response["Location"] == "/login?next=/account"
    assert len(backends.calls) == 0


def test_get_on_the_password_action_goes_back_to_the_form(backends, shopper_client):
    response = shopper_client.get("/account/password")

    assert response.status_code == 302
    assert response["Location"] == "/account#password"


def test_a_password_change_without_the_csrf_token_is_refused(backends, shopper_csrf_client):
    response = shopper_csrf_client.post("/account/password", PASSWORDS)

    assert response.status_code == 403
    assert len(backends.calls) == 0


def test_a_password_change_with_the_csrf_token_passes(
    backends, shopper_csrf_client, password_changed
):
    token = csrf_token_of(shopper_csrf_client)

    response = shopper_csrf_client.post(
        "/account/password", {**PASSWORDS, "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302


def test_the_email_in_the_profile_is_escaped(backends, shopper_client):
    backends.get(auth_url("/auth/me"), json=user_body(email="<script>alert(1)</script>@x.kz"))
    backends.get(order_url("/addresses"), json=page_json([]))

    page = shopper_client.get("/account").content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;@x.kz" in page


def test_the_account_page_is_never_cached(account_backends, shopper_client):
    response = shopper_client.get("/account")

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
