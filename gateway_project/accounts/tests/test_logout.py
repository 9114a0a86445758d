import json

import pytest
import requests
from django.test import Client

from accounts.tests.conftest import (
    ACCESS,
    REFRESH,
    auth_url,
    csrf_token_of,
    expired_access_token,
    messages_of,
    token_pair,
)


def assert_both_cookies_cleared(response) -> None:
    for name in (ACCESS, REFRESH):
        cookie = response.cookies[name]
        assert cookie.value == ""
        assert cookie["max-age"] == 0
        assert cookie["path"] == "/"


def test_logout_revokes_the_refresh_token_and_clears_both_cookies(backends, shopper_client):
    backends.post(auth_url("/auth/logout"), status=204)

    response = shopper_client.post("/logout")

    assert response.status_code == 302
    assert response["Location"] == "/"
    (call,) = backends.calls
    assert call.request.url == auth_url("/auth/logout")
    assert json.loads(call.request.body) == {"refresh": "refresh-token-of-ann"}
    assert_both_cookies_cleared(response)
    assert messages_of(response) == ["You have been logged out."]


def test_after_logout_the_shopper_is_anonymous(backends, shopper_client):
    backends.post(auth_url("/auth/logout"), status=204)
    shopper_client.post("/logout")

    response = shopper_client.get("/account")

    assert response.status_code == 302
    assert response["Location"] == "/login?next=/account"


@pytest.mark.parametrize(
    "answer",
    [
        {
            "status": 401,
            "json": {"detail": "The refresh token is invalid, expired or already used."},
        },
        {"status": 503, "json": {"detail": "down"}},
        {"body": requests.ConnectionError("refused")},
    ],
)
def test_logout_clears_the_cookies_whatever_auth_answers(backends, shopper_client, answer):
    backends.post(auth_url("/auth/logout"), **answer)

    response = shopper_client.post("/logout")

    assert response.status_code == 302
    assert_both_cookies_cleared(response)


def test_logout_without_a_refresh_cookie_calls_nobody(backends):
    response = Client().post("/logout")

    assert response.status_code == 302
    assert len(backends.calls) == 0
    assert_both_cookies_cleared(response)


def test_logout_right_after_a_refresh_revokes_the_new_refresh_token(backends):
    """The middleware spent the cookie's refresh token on a new pair before the
    view ran: the new one is the token to revoke, or it would stay valid."""
    client = Client()
    client.cookies[ACCESS] = expired_access_token(user_id="7b0a3c2e-0a57-4c40-9d5e-7a3c1b9f0e11")
    client.cookies[REFRESH] = "old-refresh"
    renewed = token_pair()
    backends.post(auth_url("/auth/refresh"), json=renewed)
    backends.post(auth_url("/auth/logout"), status=204)

    response = client.post("/logout")

    refresh_call, logout_call = backends.calls
    assert json.loads(refresh_call.request.body) == {"refresh": "old-refresh"}
    assert json.loads(logout_call.request.body) == {"refresh": renewed["refresh"]}
    assert_both_cookies_cleared(response)


def test_get_logout_is_not_allowed(backends, shopper_client):
    response = shopper_client.get("/logout")

    assert response.status_code == 405
    assert len(backends.calls) == 0
    assert ACCESS not in response.cookies


def test_logout_without_the_csrf_token_is_refused(backends, shopper_csrf_client):
    response = shopper_csrf_client.post("/logout")

    assert response.status_code == 403
    assert len(backends.calls) == 0
    assert ACCESS not in response.cookies


def test_logout_with_the_csrf_token_passes(backends, shopper_csrf_client):
    backends.post(auth_url("/auth/logout"), status=204)
    token = csrf_token_of(shopper_csrf_client)

    response = shopper_csrf_client.post("/logout", {"csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert_both_cookies_cleared(response)


def test_logout_ends_the_staff_consoles_area_sessions_in_this_browser(backends, shopper_client):
    backends.post(auth_url("/auth/logout"), status=204)

    response = shopper_client.post("/logout")

    for name, path in [
        ("catalog_sessionid", "/admin/catalog/"),
        ("order_sessionid", "/admin/orders/"),
        ("payment_sessionid", "/admin/payments/"),
        ("auth_sessionid", "/admin/users/"),
    ]:
        assert response.cookies[name].value == ""
        assert response.cookies[name]["path"] == path
        assert response.cookies[name]["max-age"] == 0
