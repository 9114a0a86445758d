"""The login cookies turned into `request.shopper`, with transparent refresh.

/account shows what the middleware decided: a shopper sees the page (and the
services are called with their token), anyone else goes to /login."""

import json
import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest
import requests
from conftest import page_json
from django.http import HttpResponse
from django.test import Client, RequestFactory
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.middleware import LoginCookieMiddleware, shopper_from_access_token
from accounts.tests.conftest import (
    ACCESS,
    REFRESH,
    auth_url,
    expired_access_token,
    order_url,
    token_pair,
    user_body,
)
from shop_common import roles
from shop_common.testing import access_token_mint

USER_ID = "3f1c1b0e-8d7a-4a57-9a8e-2f4e8c0b9d21"


def client_with(*, access: str | None = None, refresh: str | None = None) -> Client:
    client = Client()
    if access is not None:
        client.cookies[ACCESS] = access
    if refresh is not None:
        client.cookies[REFRESH] = refresh
    return client


def account_stubbed(backends, *, email: str = "ann@example.com") -> None:
    backends.get(auth_url("/auth/me"), json=user_body(email=email, user_id=USER_ID))
    backends.get(order_url("/addresses"), json=page_json([]))


def calls_to(backends, path: str) -> list:
    return [call for call in backends.calls if call.request.url.split("?")[0].endswith(path)]


def signed_with_another_key(**claims) -> str:
    now = datetime.now(tz=UTC)
    payload = {
        "token_type": "access",
        "exp": now + timedelta(minutes=5),
        "iat": now,
        "jti": uuid.uuid4().hex,
        "sub": USER_ID,
        "email": "ann@example.com",
        "role": roles.CUSTOMER,
        **claims,
    }
    return jwt.encode(payload, "some-other-signing-key-of-32-bytes-or-more", algorithm="HS256")


def assert_no_login_cookies_written(response) -> None:
    assert ACCESS not in response.cookies
    assert REFRESH not in response.cookies


def assert_login_cookies_cleared(response) -> None:
    for name in (ACCESS, REFRESH):
        assert response.cookies[name].value == ""
        assert response.cookies[name]["max-age"] == 0


# A valid access token --------------------------------------------------


def test_a_valid_access_cookie_names_the_shopper_without_calling_auth(backends):
    token = access_token_mint(user_id=USER_ID, email="ann@example.com")
    account_stubbed(backends)

    response = client_with(access=token, refresh="r1").get("/account")

    assert response.status_code == 200
    assert calls_to(backends, "/auth/refresh") == []
    assert calls_to(backends, "/auth/me")[0].request.headers["Authorization"] == f"Bearer {token}"
    assert_no_login_cookies_written(response)


def test_the_shopper_carries_the_claims_of_the_token():
    token = access_token_mint(user_id=USER_ID, email="bo@example.com", role=roles.ADMIN)

    shopper = shopper_from_access_token(token)

    assert (shopper.id, shopper.email, shopper.role) == (USER_ID, "bo@example.com", "admin")
    assert shopper.is_admin
    assert shopper.access_token == token


# Transparent refresh ------------------------------------------------------


def test_an_expired_access_token_is_refreshed_and_the_new_pair_written_back(backends):
    renewed = token_pair(user_id=USER_ID)
    backends.post(auth_url("/auth/refresh"), json=renewed)
    account_stubbed(backends)
    client = client_with(access=expired_access_token(user_id=USER_ID), refresh="r1")

    response = client.get("/account", REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 200  # the page saw the shopper
    (refresh_call,) = calls_to(backends, "/auth/refresh")
    assert json.loads(refresh_call.request.body) == {"refresh": "r1"}
    assert refresh_call.request.headers["X-Forwarded-For"] == "198.51.100.7"
    me_call = calls_to(backends, "/auth/me")[0]
    assert me_call.request.headers["Authorization"] == f"Bearer {renewed['access']}"
    assert response.cookies[ACCESS].value == renewed["access"]
    assert response.cookies[REFRESH].value == renewed["refresh"]
    assert response.cookies[ACCESS]["httponly"] is True
    assert response.cookies[REFRESH]["samesite"] == "Lax"


def test_the_next_request_uses_the_refreshed_cookies_without_refreshing_again(backends):
    backends.post(auth_url("/auth/refresh"), json=token_pair(user_id=USER_ID))
    account_stubbed(backends)
    client = client_with(access=expired_access_token(user_id=USER_ID), refresh="r1")
    client.get("/account")

    response = client.get("/account")

    assert response.status_code == 200
    assert len(calls_to(backends, "/auth/refresh")) == 1


def test_a_missing_access_cookie_with_a_refresh_cookie_is_refreshed(backends):
    backends.post(auth_url("/auth/refresh"), json=token_pair(user_id=USER_ID))
    account_stubbed(backends)

    response = client_with(refresh="r1").get("/account")

    assert response.status_code == 200
    assert ACCESS in response.cookies


def test_a_refresh_over_https_writes_secure_cookies(backends):
    backends.post(auth_url("/auth/refresh"), json=token_pair(user_id=USER_ID))
    account_stubbed(backends)

    response = client_with(refresh="r1").get("/account", secure=True)

    assert response.cookies[ACCESS]["secure"] is True
    assert response.cookies[REFRESH]["secure"] is True


def test_a_refused_refresh_clears_the_cookies_and_the_visitor_is_anonymous(backends):
    backends.post(
        auth_url("/auth/refresh"),
        status=401,
        json={"detail": "The refresh token is invalid, expired or already used."},
    )
    client = client_with(access=expired_access_token(user_id=USER_ID), refresh="spent")

    response = client.get("/account")

    assert response.status_code == 302
    assert response["Location"] == "/login?next=/account"
    assert_login_cookies_cleared(response)
    assert client.get("/login").status_code == 200  # anonymous, and no new refresh
    assert len(calls_to(backends, "/auth/refresh")) == 1


@pytest.mark.parametrize(
    "answer",
    [
        {"body": requests.ConnectionError("refused")},
        {"body": requests.Timeout("slow")},
        {"status": 502, "body": "bad gateway"},
        {"json": {"detail": "no tokens here"}},
    ],
)
def test_auth_down_during_refresh_is_anonymous_for_now_and_keeps_the_cookies(backends, answer):
    backends.post(auth_url("/auth/refresh"), **answer)
    client = client_with(access=expired_access_token(user_id=USER_ID), refresh="r1")

    response = client.get("/account")

    assert response.status_code == 302
    assert response["Location"] == "/login?next=/account"
    assert_no_login_cookies_written(response)
    assert client.cookies[REFRESH].value == "r1"


def test_a_refresh_into_a_token_that_names_nobody_signs_out(backends):
    unusable = access_token_mint(user_id=USER_ID, role="service")
    backends.post(auth_url("/auth/refresh"), json={"access": unusable, "refresh": "r2"})

    response = client_with(refresh="r1").get("/account")

    assert response.status_code == 302
    assert_login_cookies_cleared(response)


def test_a_view_that_signs_in_itself_wins_over_the_refresh(backends):
    """/login with stale cookies: the middleware refreshes first, but the
    cookies written are the ones of the new login."""
    backends.post(auth_url("/auth/refresh"), json=token_pair(user_id=USER_ID))
    fresh = token_pair()
    backends.post(auth_url("/auth/login"), json=fresh)
    client = client_with(access=expired_access_token(user_id=USER_ID), refresh="r1")

    response = client.post("/login", {"email": "bo@example.com", "password": "pw"})

    assert response.cookies[ACCESS].value == fresh["access"]
    assert response.cookies[REFRESH].value == fresh["refresh"]


# Tokens that name nobody ------------------------------------------------


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(signed_with_another_key(), id="bad signature"),
        pytest.param(signed_with_another_key(role=roles.ADMIN), id="forged admin"),
        pytest.param(
            jwt.encode({"sub": USER_ID, "role": "customer", "token_type": "access"}, None, "none"),
            id="alg none",
        ),
        pytest.param("not-a-token", id="garbage"),
        pytest.param("a" * 5000, id="huge"),
        pytest.param(access_token_mint(user_id=USER_ID, role="service"), id="unknown role"),
    ],
)
def test_an_invalid_access_cookie_is_anonymous_and_cleared(backends, token):
    response = client_with(access=token).get("/account")

    assert response.status_code == 302
    assert response["Location"] == "/login?next=/account"
    assert response.cookies[ACCESS].value == ""
    assert len(backends.calls) == 0


def test_a_non_ascii_access_cookie_is_anonymous(backends):
    # As a WSGI server hands it over: the raw UTF-8 bytes decoded as Latin-1.
    raw = f"{ACCESS}=é∂ƒ.🔑.x".encode().decode("latin-1")

    response = Client().get("/account", HTTP_COOKIE=raw)

    assert response.status_code == 302
    assert len(backends.calls) == 0


def test_a_refresh_token_in_the_access_cookie_is_not_an_access_token(backends):
    refresh = RefreshToken()
    refresh["sub"] = USER_ID
    refresh["role"] = roles.CUSTOMER

    response = client_with(access=str(refresh)).get("/account")

    assert response.status_code == 302
    assert len(backends.calls) == 0


def test_an_access_token_without_a_subject_is_anonymous():
    token = access_token_mint(user_id="")

    assert shopper_from_access_token(token) is None


def test_a_bad_signature_with_a_refresh_cookie_tries_the_refresh(backends):
    backends.post(auth_url("/auth/refresh"), json=token_pair(user_id=USER_ID))
    account_stubbed(backends)

    response = client_with(access=signed_with_another_key(), refresh="r1").get("/account")

    assert response.status_code == 200
    assert ACCESS in response.cookies


def test_no_cookies_is_anonymous_and_writes_nothing(backends):
    response = Client().get("/account")

    assert response.status_code == 302
    assert_no_login_cookies_written(response)
    assert len(backends.calls) == 0


# What the views see --------------------------------------------------------


def middleware_run(request):
    seen = {}

    def view(request):
        seen.update(
            shopper=request.shopper,
            from_cookie=request.shopper_from_cookie,
            refresh=request.login_refresh_token,
        )
        return HttpResponse()

    LoginCookieMiddleware(view)(request)
    return seen


def test_the_request_carries_the_refresh_token_in_force(backends):
    backends.post(
        auth_url("/auth/refresh"),
        json={"access": access_token_mint(user_id=USER_ID), "refresh": "r2"},
    )
    request = RequestFactory().get("/")
    request.COOKIES[REFRESH] = "r1"

    seen = middleware_run(request)

    assert seen["shopper"].id == USER_ID
    assert seen["from_cookie"] is True
    assert seen["refresh"] == "r2"


def test_a_valid_cookie_keeps_its_refresh_token_in_force(backends):
    request = RequestFactory().get("/")
    request.COOKIES[ACCESS] = access_token_mint(user_id=USER_ID)
    request.COOKIES[REFRESH] = "r1"

    seen = middleware_run(request)

    assert seen["refresh"] == "r1"
    assert len(backends.calls) == 0


def test_a_refused_refresh_leaves_no_refresh_token_in_force(backends):
    backends.post(auth_url("/auth/refresh"), status=401, json={"detail": "no"})
    request = RequestFactory().get("/")
    request.COOKIES[REFRESH] = "r1"

    seen = middleware_run(request)

    assert seen["shopper"] is None
    assert seen["from_cookie"] is False
    assert seen["refresh"] == ""
