import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory

from accounts.cookies import login_cookies_clear, login_cookies_set, token_pair_read
from accounts.tests.conftest import ACCESS, REFRESH
from shop_common.errors import ServiceUnavailable


def cookies_set(*, secure: bool) -> HttpResponse:
    request = RequestFactory().get("/", secure=secure)
    response = HttpResponse()
    login_cookies_set(request=request, response=response, access="a.b.c", refresh="r.s.t")
    return response


def test_both_tokens_are_stored_httponly_lax_for_the_whole_site():
    response = cookies_set(secure=False)

    assert response.cookies[ACCESS].value == "a.b.c"
    assert response.cookies[REFRESH].value == "r.s.t"
    for name in (ACCESS, REFRESH):
        cookie = response.cookies[name]
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
        assert cookie["path"] == "/"
        assert cookie["secure"] == ""


def test_the_cookies_live_as_long_as_the_refresh_token():
    lifetime = int(settings.SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"].total_seconds())

    response = cookies_set(secure=False)

    assert response.cookies[ACCESS]["max-age"] == lifetime
    assert response.cookies[REFRESH]["max-age"] == lifetime


def test_the_cookies_are_secure_when_the_request_came_over_https():
    response = cookies_set(secure=True)

    assert response.cookies[ACCESS]["secure"] is True
    assert response.cookies[REFRESH]["secure"] is True


def test_clearing_expires_both_cookies_on_the_same_path():
    response = HttpResponse()

    login_cookies_clear(response=response)

    for name in (ACCESS, REFRESH):
        cookie = response.cookies[name]
        assert cookie.value == ""
        assert cookie["max-age"] == 0
        assert cookie["path"] == "/"
        assert cookie["samesite"] == "Lax"
        assert "1970" in cookie["expires"]


def test_a_token_pair_is_read_from_the_auth_answer():
    body = {"access": "a", "refresh": "r", "token_type": "Bearer", "expires_in": 900}

    assert token_pair_read(body) == ("a", "r")


@pytest.mark.parametrize(
    "body",
    [
        None,
        [],
        "text",
        {},
        {"access": "a"},
        {"refresh": "r"},
        {"access": "", "refresh": "r"},
        {"access": 1, "refresh": "r"},
        {"access": "a", "refresh": ["r"]},
    ],
)
def test_an_answer_without_both_tokens_is_a_broken_service(body):
    with pytest.raises(ServiceUnavailable) as raised:
        token_pair_read(body)

    assert str(raised.value.detail) == "The auth service answered badly."
