"""Bad input is a 4xx with a JSON body and writes nothing."""

import json
from urllib.parse import urlencode

import pytest
from rest_framework.test import APIClient

from users.models import User
from users.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

POST_ENDPOINTS = ["/auth/register", "/auth/login", "/auth/refresh", "/auth/logout"]


@pytest.mark.parametrize("url", POST_ENDPOINTS)
def test_malformed_json_is_400_with_json(api_client, url):
    response = api_client.post(url, data='{"email": ', content_type="application/json")

    assert response.status_code == 400
    assert "detail" in response.json()


@pytest.mark.parametrize("url", POST_ENDPOINTS)
def test_a_json_array_body_is_400_with_json(api_client, url):
    response = api_client.post(url, data="[1, 2]", content_type="application/json")

    assert response.status_code == 400
    assert set(response.json()) == {"non_field_errors"}


def test_a_body_over_the_size_limit_is_413_with_json(api_client):
    body = '{"email": "big@example.com", "password": "' + "x" * 2_000_000 + '"}'

    response = api_client.post("/auth/register", data=body, content_type="application/json")

    assert response.status_code == 413
    assert "detail" in response.json()
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        {"email": 12345, "password": PASSWORD},
        {"email": ["a@example.com"], "password": PASSWORD},
        {"email": {"x": 1}, "password": PASSWORD},
        {"email": None, "password": PASSWORD},
        {"email": "typed@example.com", "password": None},
        {"email": "typed@example.com", "password": 12345678901234},
        {"email": "typed@example.com", "password": True},
        {"email": "typed@example.com", "password": ["correct-horse"]},
    ],
)
def test_wrong_types_at_registration_are_400_and_create_nothing(api_client, payload):
    response = api_client.post("/auth/register", payload, format="json")

    assert response.status_code == 400
    wrong = {name for name, value in payload.items() if not isinstance(value, str)}
    assert set(response.json()) == wrong
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"email": 12345, "password": PASSWORD}, "email"),
        ({"email": ["a@example.com"], "password": PASSWORD}, "email"),
        ({"email": "x@example.com", "password": None}, "password"),
        ({"email": "x@example.com", "password": 12345678}, "password"),
    ],
)
def test_wrong_types_at_login_are_400_keyed_by_field(api_client, payload, field):
    response = api_client.post("/auth/login", payload, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {field}


@pytest.mark.parametrize("url", ["/auth/refresh", "/auth/logout"])
@pytest.mark.parametrize("refresh", [None, 123, ["a"], {"a": 1}])
def test_wrong_types_of_refresh_token_are_400(api_client, url, refresh):
    response = api_client.post(url, {"refresh": refresh}, format="json")

    assert response.status_code == 400
    assert "refresh" in response.json()


def test_an_over_long_password_is_400(api_client):
    response = api_client.post(
        "/auth/register", {"email": "long@example.com", "password": "x" * 5000}, format="json"
    )

    assert response.status_code == 400
    assert "password" in response.json()


@pytest.mark.parametrize(
    ("method", "url"),
    [("get", "/auth/register"), ("get", "/auth/login"), ("put", "/auth/login")],
)
def test_a_wrong_method_is_405_with_json(api_client, method, url):
    response = getattr(api_client, method)(url)

    assert response.status_code == 405
    assert "detail" in response.json()


def test_a_wrong_method_on_me_with_a_token_is_405(authed_client):
    response = authed_client.post("/auth/me")

    assert response.status_code == 405


def test_an_unknown_path_is_a_json_404(api_client):
    response = api_client.get("/auth/nothing-here")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_trailing_slash_is_not_an_alias(api_client):
    response = api_client.post("/auth/login/", {"email": "a@example.com", "password": "x"})

    assert response.status_code == 404


@pytest.mark.parametrize("url", ["/auth/register", "/auth/login"])
@pytest.mark.parametrize("field", ["email", "password"])
@pytest.mark.parametrize("bad", ["\ud800", "\u0000"], ids=["lone-surrogate", "nul"])
def test_unencodable_characters_are_400_keyed_by_field(api_client, url, field, bad):
    payload = {"email": "chars@example.com", "password": PASSWORD}
    payload[field] = payload[field][:3] + bad + payload[field][3:]
    body = json.dumps(payload)  # ASCII-escaped, so a lone surrogate survives encoding

    response = api_client.post(url, data=body, content_type="application/json")

    assert response.status_code == 400
    assert field in response.json()
    assert not User.objects.exists()


# Raw JSON text, so a lone surrogate reaches the parser as a client sends it.
BAD_JSON_TEXT = {
    "lone-surrogate": '"ab\\ud800cdefghij"',
    "nul": '"ab\\u0000cdefghij"',
    "ten-thousand-chars": json.dumps("x" * 10_000),
    "object": '{"a": "b"}',
    "list": '["a"]',
    "integer": "1234567890",
    "float": "1.5",
    "true": "true",
}


@pytest.mark.parametrize("field", ["old_password", "new_password"])
@pytest.mark.parametrize("raw", BAD_JSON_TEXT.values(), ids=BAD_JSON_TEXT.keys())
def test_bad_values_when_changing_the_password_are_400_keyed_by_field(user, field, raw):
    client = APIClient()
    client.force_authenticate(user)
    values = {"old_password": json.dumps(PASSWORD), "new_password": '"a-new-good-passphrase"'}
    values[field] = raw
    body = "{" + ", ".join(f'"{name}": {value}' for name, value in values.items()) + "}"

    response = client.post("/auth/change-password", data=body, content_type="application/json")

    assert response.status_code == 400
    assert set(response.json()) == {field}
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize("field", ["email", "password"])
@pytest.mark.parametrize("value", ["ab\x00cdefghij@example.com", "x" * 10_000], ids=["nul", "long"])
def test_bad_text_in_a_form_registration_is_400_keyed_by_field(api_client, field, value):
    payload = {"email": "form@example.com", "password": PASSWORD, field: value}

    response = api_client.post(
        "/auth/register", urlencode(payload), content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 400
    assert set(response.json()) == {field}
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "header",
    [
        "Bearer caf\xc3\xa9",  # UTF-8 bytes as a WSGI server hands them on (latin-1)
        "Bearer \xff\xfe",
        "Bearer " + "a" * 20_000,
        "Bearer a.b.c",
        "Bearer a b",
        "Bearer \x00",
        "Bearer",
        "\xff",
    ],
    ids=[
        "utf8-bytes",
        "high-bytes",
        "huge",
        "three-garbage-parts",
        "two-tokens",
        "nul",
        "no-token",
        "junk-scheme",
    ],
)
def test_a_malformed_authorization_header_is_401_not_500(db, header):
    response = APIClient().get("/auth/me", HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert set(response.json()) == {"detail"}
