"""accounts.access: safe `next` URLs and the signed-in-only guard."""

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import RequestFactory

from accounts.access import login_url, next_url_safe, raise_if_signed_out, shopper_required
from accounts.middleware import shopper_from_access_token
from accounts.tests.conftest import ACCESS, REFRESH, messages_of
from backends.errors import BackendRefused
from shop_common.testing import access_token_mint


@pytest.mark.parametrize(
    ("candidate", "secure", "expected"),
    [
        ("/account", False, "/account"),
        ("/orders?page=2#top", False, "/orders?page=2#top"),
        ("http://testserver/cart", False, "http://testserver/cart"),
        ("https://testserver/cart", True, "https://testserver/cart"),
        ("http://testserver/cart", True, "/"),  # downgrade to http
        ("https://evil.example", False, "/"),
        ("//evil.example/x", False, "/"),
        ("///evil.example/x", False, "/"),
        ("/\\evil.example", False, "/"),
        ("\\\\evil.example", False, "/"),
        ("javascript:alert(1)", False, "/"),
        ("data:text/html,x", False, "/"),
        ("https://testserver.evil.example/", False, "/"),
        ("", False, "/"),
        (None, False, "/"),
        ("/" + "a" * 2000, False, "/"),
        # Not a path from the root: redirect() would look each up as a view name.
        ("account", False, "/"),
        ("orders?page=2", False, "/"),
        ("a\x00b", False, "/"),
        ("\ufffd\ufffd", False, "/"),
        ("./account", False, "/"),
        # Control characters anywhere.
        ("/account\x00", False, "/"),
        ("/acc\nount", False, "/"),
        ("/caf\u00e9", False, "/caf\u00e9"),
    ],
)
def test_next_is_kept_only_when_it_stays_on_this_site(candidate, secure, expected):
    request = RequestFactory().get("/", secure=secure)

    assert next_url_safe(request, candidate) == expected


def test_the_login_url_carries_next_readably():
    assert login_url() == "/login"
    assert login_url(next_url="/") == "/login"
    assert login_url(next_url="/account") == "/login?next=/account"
    assert login_url(next_url="/orders?page=2&x=1") == "/login?next=/orders%3Fpage%3D2%26x%3D1"


def test_raise_if_signed_out_lets_only_a_401_through():
    raise_if_signed_out(BackendRefused(service="order", status=404, body={}))

    with pytest.raises(BackendRefused):
        raise_if_signed_out(BackendRefused(service="order", status=401, body={}))


# shopper_required, on the views that use it ----------------------------------


def test_an_anonymous_visitor_goes_to_login_and_comes_back(backends, client):
    response = client.get("/account")

    assert response["Location"] == "/login?next=/account"
    assert messages_of(response) == ["Please log in to continue."]


def test_an_action_comes_back_to_the_page_it_belongs_to(backends, client):
    response = client.post("/account/addresses/0b0c5a8e-7f2a-4d1e-9c43-5b6a7e8f9a01/default")

    assert response["Location"] == "/login?next=/account"


def test_back_is_reversed_with_the_actions_own_id(backends, client):
    path = "/account/addresses/0b0c5a8e-7f2a-4d1e-9c43-5b6a7e8f9a01"

    response = client.post(path, {})

    assert response["Location"] == f"/login?next={path}"


def test_a_401_from_a_service_drops_the_access_cookie_and_keeps_the_refresh():
    def view(request):
        raise BackendRefused(service="order", status=401, body={"detail": "expired"})

    request = RequestFactory().get("/account")
    request.shopper = shopper_from_access_token(access_token_mint(user_id="u-1"))
    request._messages = CookieStorage(request)

    response = shopper_required(view)(request)

    assert response["Location"] == "/login?next=/account"
    assert response.cookies[ACCESS]["max-age"] == 0
    assert REFRESH not in response.cookies
    assert request.login_cookies_written is True


def test_other_refusals_are_the_views_business():
    def view(request):
        raise BackendRefused(service="order", status=409, body={})

    request = RequestFactory().get("/account")
    request.shopper = shopper_from_access_token(access_token_mint(user_id="u-1"))

    with pytest.raises(BackendRefused):
        shopper_required(view)(request)


def test_a_signed_in_shopper_gets_the_view():
    request = RequestFactory().get("/account")
    request.shopper = shopper_from_access_token(access_token_mint(user_id="u-1"))

    response = shopper_required(lambda request: HttpResponse("mine"))(request)

    assert response.content == b"mine"
