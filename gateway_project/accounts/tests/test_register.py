import json

import pytest
import requests
from conftest import page_json
from django.test import Client

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

FORM = {
    "email": "Ann@Example.com",
    "password": "correct horse battery",
    "password_again": "correct horse battery",
}


@pytest.fixture
def register_ok(backends):
    backends.post(auth_url("/auth/register"), status=201, json=user_body(email="ann@example.com"))
    pair = token_pair()
    backends.post(auth_url("/auth/login"), json=pair)
    return pair


def test_the_register_page_shows_the_form(backends):
    response = Client().get("/register?next=/cart")

    assert response.status_code == 200
    page = response.content.decode()
    for testid in (
        "register-form",
        "register-email",
        "register-password",
        "register-password-again",
        "register-submit",
    ):
        assert f'data-testid="{testid}"' in page
    assert 'name="next" value="/cart"' in page


def test_a_signed_in_shopper_is_sent_to_the_account(backends, shopper_client):
    response = shopper_client.get("/register")

    assert response.status_code == 302
    assert response["Location"] == "/account"


def test_registering_creates_the_account_signs_in_and_welcomes(backends, register_ok):
    response = Client().post("/register", FORM)

    assert response.status_code == 302
    assert response["Location"] == "/"
    register_call, login_call = backends.calls
    assert json.loads(register_call.request.body) == {
        "email": "Ann@Example.com",
        "password": "correct horse battery",
    }
    # Signed in with the email as auth stored it.
    assert json.loads(login_call.request.body) == {
        "email": "ann@example.com",
        "password": "correct horse battery",
    }
    assert response.cookies[ACCESS].value == register_ok["access"]
    assert response.cookies[REFRESH].value == register_ok["refresh"]
    assert response.cookies[ACCESS]["httponly"] is True
    assert messages_of(response) == ["Welcome, ann@example.com! Your account is ready."]


def test_registering_goes_on_to_a_local_next(backends, register_ok):
    response = Client().post("/register", {**FORM, "next": "/checkout"})

    assert response["Location"] == "/checkout"


def test_registering_refuses_to_redirect_to_another_site(backends, register_ok):
    response = Client().post("/register", {**FORM, "next": "https://evil.example"})

    assert response["Location"] == "/"


def test_a_taken_email_is_told_beside_the_email_field(backends):
    backends.post(
        auth_url("/auth/register"),
        status=409,
        json={"detail": "A user with this email already exists."},
    )

    response = Client().post("/register", FORM)

    assert response.status_code == 200
    page = response.content.decode()
    assert "A user with this email already exists." in page
    assert 'value="Ann@Example.com"' in page
    assert "correct horse battery" not in page
    assert len(backends.calls) == 1
    assert ACCESS not in response.cookies


def test_a_weak_password_shows_the_service_messages_beside_the_field(backends):
    backends.post(
        auth_url("/auth/register"),
        status=400,
        json={
            "password": [
                "This password is too common.",
                "This password is entirely numeric.",
            ]
        },
    )

    response = Client().post(
        "/register",
        {"email": "ann@example.com", "password": "12345678", "password_again": "12345678"},
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["password"] == [
        "This password is too common.",
        "This password is entirely numeric.",
    ]
    page = response.content.decode()
    assert "This password is too common." in page
    assert "12345678" not in page


def test_an_invalid_email_shows_the_service_message_beside_the_field(backends):
    backends.post(
        auth_url("/auth/register"), status=400, json={"email": ["Enter a valid email address."]}
    )

    response = Client().post("/register", {**FORM, "email": "ann@"})

    assert response.context["form"].errors["email"] == ["Enter a valid email address."]
    assert 'value="ann@"' in response.content.decode()


def test_errors_on_fields_the_form_lacks_are_shown_on_top(backends):
    backends.post(
        auth_url("/auth/register"),
        status=400,
        json={"non_field_errors": ["Something is off."], "role": ["Not allowed."]},
    )

    response = Client().post("/register", FORM)

    page = response.content.decode()
    assert 'data-testid="register-errors"' in page
    assert "Something is off." in page
    assert "Role: Not allowed." in page


def test_different_passwords_are_refused_before_auth(backends):
    response = Client().post("/register", {**FORM, "password_again": "another one"})

    assert response.status_code == 200
    assert "The two passwords differ." in response.content.decode()
    assert len(backends.calls) == 0


def test_auth_down_keeps_the_form_with_a_message(backends):
    backends.post(auth_url("/auth/register"), body=requests.ConnectionError("refused"))

    response = Client().post("/register", FORM)

    assert response.status_code == 200
    page = response.content.decode()
    assert "The auth service is unavailable." in page
    assert "Your account was not created" in page


def test_when_the_sign_in_after_registering_fails_the_shopper_is_sent_to_login(backends):
    backends.post(auth_url("/auth/register"), status=201, json=user_body())
    backends.post(auth_url("/auth/login"), status=503, json={"detail": "down"})

    response = Client().post("/register", {**FORM, "next": "/cart"})

    assert response.status_code == 302
    assert response["Location"] == "/login?next=/cart"
    assert messages_of(response) == ["Your account is ready. Please log in."]
    assert ACCESS not in response.cookies


def test_a_script_in_the_email_is_escaped(backends):
    backends.post(auth_url("/auth/register"), status=400, json={"email": ["<b>bad</b>"]})

    response = Client().post("/register", {**FORM, "email": "<script>alert(1)</script>"})

    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>bad</b>" not in page


def test_the_welcome_message_shows_a_hostile_email_as_text(backends):
    hostile = '"><script>x</script>@example.com'
    backends.post(auth_url("/auth/register"), status=201, json=user_body(email=hostile))
    backends.post(auth_url("/auth/login"), json=token_pair(email=hostile))
    backends.get(auth_url("/auth/me"), json=user_body(email=hostile))
    backends.get(order_url("/addresses"), json=page_json([]))
    client = Client()
    client.post("/register", {**FORM, "next": "/account"})

    page = client.get("/account").content.decode()

    assert "Welcome, &quot;&gt;&lt;script&gt;x&lt;/script&gt;@example.com!" in page
    assert "<script>x</script>" not in page


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"email": "ann@example.com"},
        {"email": "a" * 10_000 + "@example.com", "password": "x", "password_again": "x"},
        {"email": "ann@example.com", "password": "p" * 10_000, "password_again": "p" * 10_000},
        {"email": "ann@example.com\x00", "password": "x", "password_again": "x"},
    ],
)
def test_weird_input_is_a_form_error_and_never_reaches_auth(backends, data):
    response = Client().post("/register", data)

    assert response.status_code == 200
    assert 'data-testid="register-form"' in response.content.decode()
    assert len(backends.calls) == 0


def test_non_ascii_input_reaches_auth_as_typed(backends, register_ok):
    data = {"email": "айгүл@пример.kz", "password": "пароль 🔑", "password_again": "пароль 🔑"}

    response = Client().post("/register", data)

    assert response.status_code == 302
    assert json.loads(backends.calls[0].request.body)["password"] == "пароль 🔑"


def test_register_without_the_csrf_token_is_refused(backends, csrf_client):
    response = csrf_client.post("/register", FORM)

    assert response.status_code == 403
    assert len(backends.calls) == 0


def test_register_with_the_csrf_token_passes(backends, csrf_client, register_ok):
    token = csrf_token_of(csrf_client)

    response = csrf_client.post("/register", {**FORM, "csrfmiddlewaretoken": token})

    assert response.status_code == 302
