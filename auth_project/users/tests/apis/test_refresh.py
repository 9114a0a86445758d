from datetime import timedelta

import pytest
from rest_framework_simplejwt.tokens import AccessToken

from users.models import Role
from users.tokens import ShopRefreshToken

pytestmark = pytest.mark.django_db

URL = "/auth/refresh"


def test_refreshing_returns_a_new_pair(api_client, user, login):
    tokens = login(user.email)

    response = api_client.post(URL, {"refresh": tokens["refresh"]}, format="json")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access", "refresh"}
    assert body["refresh"] != tokens["refresh"]
    assert AccessToken(body["access"])["sub"] == str(user.id)


def test_the_refreshed_access_token_keeps_email_and_role(api_client, user, login):
    tokens = login(user.email)

    body = api_client.post(URL, {"refresh": tokens["refresh"]}).json()

    claims = AccessToken(body["access"]).payload
    assert claims["email"] == user.email
    assert claims["role"] == "customer"
    again = api_client.post(URL, {"refresh": body["refresh"]}).json()
    assert AccessToken(again["access"])["email"] == user.email


def test_a_refresh_reflects_a_role_changed_since_login(api_client, user, login):
    tokens = login(user.email)
    user.role = Role.ADMIN
    user.is_staff = True
    user.save()

    body = api_client.post(URL, {"refresh": tokens["refresh"]}).json()

    assert AccessToken(body["access"])["role"] == "admin"


def test_a_refresh_token_used_twice_fails_the_second_time(api_client, user, login):
    tokens = login(user.email)
    first = api_client.post(URL, {"refresh": tokens["refresh"]})

    second = api_client.post(URL, {"refresh": tokens["refresh"]})

    assert first.status_code == 200
    assert second.status_code == 401
    assert "detail" in second.json()


def test_the_rotated_refresh_token_works(api_client, user, login):
    tokens = login(user.email)
    rotated = api_client.post(URL, {"refresh": tokens["refresh"]}).json()["refresh"]

    response = api_client.post(URL, {"refresh": rotated})

    assert response.status_code == 200


def test_an_expired_refresh_token_is_401(api_client, user):
    token = ShopRefreshToken.for_user(user)
    token.set_exp(lifetime=-timedelta(minutes=5))

    response = api_client.post(URL, {"refresh": str(token)})

    assert response.status_code == 401


@pytest.mark.parametrize("garbage", ["garbage", "a.b.c", "x" * 500])
def test_a_garbage_refresh_token_is_401(api_client, garbage):
    response = api_client.post(URL, {"refresh": garbage})

    assert response.status_code == 401
    assert "detail" in response.json()


def test_an_access_token_is_not_accepted_as_a_refresh_token(api_client, user, login):
    tokens = login(user.email)

    response = api_client.post(URL, {"refresh": tokens["access"]})

    assert response.status_code == 401


def test_an_inactive_users_refresh_token_is_401(api_client, user, login):
    tokens = login(user.email)
    user.is_active = False
    user.save()

    response = api_client.post(URL, {"refresh": tokens["refresh"]})

    assert response.status_code == 401


def test_a_deleted_users_refresh_token_is_401(api_client, user, login):
    tokens = login(user.email)
    user.delete()

    response = api_client.post(URL, {"refresh": tokens["refresh"]})

    assert response.status_code == 401


def test_a_missing_refresh_is_400_keyed_by_field(api_client):
    response = api_client.post(URL, {}, format="json")

    assert response.status_code == 400
    assert "refresh" in response.json()
