import pytest
from rest_framework.test import APIClient

from shop_common.testing import access_token_mint
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/auth/me"


def test_me_returns_the_current_user(authed_client, user):
    response = authed_client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(user.id)
    assert body["email"] == user.email
    assert body["role"] == "customer"
    assert body["is_active"] is True
    assert set(body) == {"id", "email", "role", "is_active", "created_at"}


def test_me_reflects_the_database_not_the_token(authed_client, user):
    user.email = "renamed@example.com"
    user.save()

    response = authed_client.get(URL)

    assert response.json()["email"] == "renamed@example.com"


def test_me_without_a_token_is_401(api_client):
    response = api_client.get(URL)

    assert response.status_code == 401
    assert "detail" in response.json()


def test_me_with_a_bad_token_is_401(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")

    response = api_client.get(URL)

    assert response.status_code == 401


def test_me_with_a_refresh_token_is_401(api_client, user, login):
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {login(user.email)['refresh']}")

    response = api_client.get(URL)

    assert response.status_code == 401


def test_me_refuses_a_user_deactivated_after_login(authed_client, user):
    user.is_active = False
    user.save()

    response = authed_client.get(URL)

    assert response.status_code == 401


def test_me_refuses_a_token_of_a_user_that_does_not_exist(db):
    client = APIClient()
    token = access_token_mint(user_id="7f3c9a52-8a4e-4b43-9f0e-2c1f7a2a9d10")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    response = client.get(URL)

    assert response.status_code == 401


def test_me_takes_one_query(authed_client, django_assert_num_queries):
    UserFactory.create_batch(3)

    with django_assert_num_queries(1):
        response = authed_client.get(URL)

    assert response.status_code == 200
