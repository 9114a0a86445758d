import json

import pytest
import requests
from django.conf import settings
from django.test import Client

from accounts.tests.conftest import (
    ACCESS,
    REFRESH,
    auth_url,
    csrf_token_of,
    token_pair,
)


@pytest.fixture
def login_ok(backends):
    pair = token_pair()
    backends.post(auth_url("/auth/login"), json=pair)
    return pair


def login_post(client: Client, *, next_url: str | None = None, **extra):
    data = {"email": "ann@example.com", "password": "correct horse battery"}
    if next_url is not None:
        data["next"] = next_url
    return client.post("/login", data, **extra)


def test_the_login_page_shows_the_form_with_next_kept(backends):
    response = Client().get("/login?next=/account")

    assert response.status_code == 200
    page = response.content.decode()
    for testid in ("login-form", "login-email", "login-password", "login-submit"):
        assert f'data-testid="{testid}"' in page
    assert 'name="next" value="/account"' in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_a_signed_in_shopper_is_sent_on_to_the_account(backends, shopper_client):
    response = shopper_client.get("/login")

    assert response.status_code == 302
    assert response["Location"] == "/account"


def test_login_posts_json_credentials_to_auth_with_the_client_address(backends, login_ok):
    login_post(
        Client(),
        REMOTE_ADDR="198.51.100.7",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )

    assert len(backends.calls) == 1
    sent = backends.calls[0].request
    assert sent.url == auth_url("/auth/login")
    assert sent.headers["Content-Type"] == "application/json"
    assert json.loads(sent.body) == {
        "email": "ann@example.com",
        "password": "correct horse battery",
    }
    assert sent.headers["X-Forwarded-For"] == "203.0.113.9, 198.51.100.7"
    assert sent.headers["X-Forwarded-For"].split(",")[-1].strip() == "198.51.100.7"


def test_login_sets_both_cookies_httponly_lax_on_the_whole_site_and_redirects_home(
    backends, login_ok
):
    response = login_post(Client())

    assert response.status_code == 302
    assert response["Location"] == "/"
    for name, value in ((ACCESS, login_ok["access"]), (REFRESH, login_ok["refresh"])):
        cookie = response.cookies[name]
        assert cookie.value == value
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
        assert cookie["path"] == "/"
        assert cookie["secure"] == ""
        assert int(cookie["max-age"]) > 0


def test_login_over_https_marks_the_cookies_secure(backends, login_ok):
    response = login_post(Client(), secure=True)

    assert response.status_code == 302
    assert response.cookies[ACCESS]["secure"] is True
    assert response.cookies[REFRESH]["secure"] is True


def test_login_goes_on_to_a_local_next(backends, login_ok):
    response = login_post(Client(), next_url="/orders?page=2")

    assert response["Location"] == "/orders?page=2"


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example",
        "https://evil.example/account",
        "//evil.example/account",
        "/\\evil.example",
        "javascript:alert(1)",
        "http://testserver/account",  # this host, but http while the request is https
    ],
)
def test_login_refuses_to_redirect_to_another_site(backends, login_ok, next_url):
    response = login_post(Client(), next_url=next_url, secure=True)

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_login_page_drops_a_foreign_next(backends):
    page = Client().get("/login?next=https://evil.example").content.decode()

    assert "evil.example" not in page
    assert 'name="next" value="/"' in page


def test_a_wrong_password_is_told_and_the_email_kept_but_not_the_password(backends):
    backends.post(
        auth_url("/auth/login"),
        status=401,
        json={"detail": "No active account found with the given credentials."},
    )

    response = login_post(Client())

    assert response.status_code == 200
    page = response.content.decode()
    assert "Wrong email or password." in page
    assert 'value="ann@example.com"' in page
    assert "correct horse battery" not in page
    assert ACCESS not in response.cookies


def test_too_many_attempts_shows_the_wait(backends):
    backends.post(
        auth_url("/auth/login"),
        status=429,
        json={"detail": "Too many failed login attempts. Try again later."},
        headers={"Retry-After": "240"},
    )

    response = login_post(Client())

    assert response.status_code == 200
    assert "Too many failed attempts. Please wait 4 minutes and try again." in (
        response.content.decode()
    )


def test_too_many_attempts_without_a_readable_wait_shows_the_service_message(backends):
    backends.post(
        auth_url("/auth/login"),
        status=429,
        json={"detail": "Too many failed login attempts. Try again later."},
    )

    response = login_post(Client())

    assert "Too many failed login attempts. Try again later." in response.content.decode()


def test_auth_down_rerenders_the_form_with_a_notice(backends):
    backends.post(auth_url("/auth/login"), body=requests.ConnectionError("refused"))

    response = login_post(Client())

    assert response.status_code == 200
    page = response.content.decode()
    assert "data-notice" in page
    assert "The auth service is unavailable." in page
    assert 'data-testid="login-form"' in page
    assert ACCESS not in response.cookies


def test_auth_failing_with_a_500_is_a_notice_too(backends):
    backends.post(auth_url("/auth/login"), status=500, body="oops")

    response = login_post(Client())

    assert response.status_code == 200
    assert "The auth service is unavailable." in response.content.decode()


def test_a_login_answer_without_tokens_is_a_notice_not_a_crash(backends):
    backends.post(auth_url("/auth/login"), json={"token_type": "Bearer"})

    response = login_post(Client())

    assert response.status_code == 200
    assert "The auth service answered badly." in response.content.decode()
    assert ACCESS not in response.cookies


def test_a_service_400_is_shown_beside_the_field(backends):
    backends.post(auth_url("/auth/login"), status=400, json={"email": ["Must be a string."]})

    response = login_post(Client())

    assert response.status_code == 200
    assert "Must be a string." in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"email": "ann@example.com"},
        {"password": "x"},
        {"email": "a" * 10_000, "password": "x"},
        {"email": "ann@example.com", "password": "p" * 10_000},
        {"email": "ann\x00@example.com", "password": "x"},
    ],
)
def test_weird_input_is_a_form_error_and_never_reaches_auth(backends, data):
    response = Client().post("/login", data)

    assert response.status_code == 200
    assert 'data-testid="login-form"' in response.content.decode()
    assert len(backends.calls) == 0


def test_an_overlong_next_is_ignored(backends, login_ok):
    response = login_post(Client(), next_url="/" + "n" * 10_000)

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_non_ascii_credentials_go_to_auth_as_typed(backends, login_ok):
    response = Client().post("/login", {"email": "айгүл@пример.kz", "password": "пароль 🔑"})

    assert response.status_code == 302
    assert json.loads(backends.calls[0].request.body) == {
        "email": "айгүл@пример.kz",
        "password": "пароль 🔑",
    }


def test_an_escaped_email_is_shown_back_as_text(backends):
    backends.post(auth_url("/auth/login"), status=401, json={"detail": "No."})

    response = Client().post("/login", {"email": "<script>alert(1)</script>", "password": "x"})

    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_login_without_the_csrf_token_is_refused(backends, csrf_client):
    response = login_post(csrf_client)

    assert response.status_code == 403
    assert len(backends.calls) == 0


def test_login_with_the_csrf_token_passes(backends, csrf_client, login_ok):
    token = csrf_token_of(csrf_client)

    response = csrf_client.post(
        "/login",
        {"email": "ann@example.com", "password": "pw", "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 302


def test_get_and_post_only(backends):
    assert Client().put("/login").status_code == 405


def test_the_signed_in_page_sees_the_shopper_after_login(backends, login_ok):
    client = Client()
    login_post(client)

    page = client.get("/login?next=/cart")

    assert page.status_code == 302
    assert page["Location"] == "/cart"


def test_signing_in_gives_a_new_csrf_token(backends, login_ok):
    client = Client()
    client.cookies[settings.CSRF_COOKIE_NAME] = "p" * 32  # planted before the login

    response = login_post(client)

    assert response.cookies[settings.CSRF_COOKIE_NAME].value not in ("", "p" * 32)


def test_the_login_page_is_never_cached(backends):
    response = Client().get("/login")

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
