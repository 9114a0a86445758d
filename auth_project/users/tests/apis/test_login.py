import pytest
from rest_framework_simplejwt.tokens import AccessToken

from users.tests.factories import PASSWORD, AdminFactory, UserFactory
from users.tokens import ShopRefreshToken

pytestmark = pytest.mark.django_db

URL = "/auth/login"


def test_logging_in_returns_a_bearer_token_pair(api_client, user):
    response = api_client.post(URL, {"email": user.email, "password": PASSWORD}, format="json")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access", "refresh", "token_type", "expires_in"}
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 15 * 60
    assert isinstance(body["expires_in"], int)


def test_logging_in_accepts_a_form_encoded_body(api_client, user):
    response = api_client.post(URL, {"email": user.email, "password": PASSWORD})

    assert response.status_code == 200
    assert "access" in response.json()


def test_the_email_is_matched_in_any_letter_case(api_client):
    UserFactory(email="case@example.com")

    response = api_client.post(URL, {"email": "  CASE@Example.com", "password": PASSWORD})

    assert response.status_code == 200


def test_the_access_token_carries_the_claims_of_the_design(api_client, user):
    body = api_client.post(URL, {"email": user.email, "password": PASSWORD}).json()

    claims = AccessToken(body["access"]).payload
    assert claims["sub"] == str(user.id)
    assert claims["email"] == user.email
    assert claims["role"] == "customer"
    assert claims["token_type"] == "access"
    assert {"exp", "iat", "jti"} <= set(claims)


def test_the_refresh_token_carries_the_same_identity(api_client, user):
    body = api_client.post(URL, {"email": user.email, "password": PASSWORD}).json()

    claims = ShopRefreshToken(body["refresh"]).payload
    assert claims["sub"] == str(user.id)
    assert claims["email"] == user.email
    assert claims["role"] == "customer"
    assert claims["token_type"] == "refresh"


def test_an_admin_gets_the_admin_role_claim(api_client):
    admin = AdminFactory()

    body = api_client.post(URL, {"email": admin.email, "password": PASSWORD}).json()

    assert AccessToken(body["access"])["role"] == "admin"


def test_a_wrong_password_is_401(api_client, user):
    response = api_client.post(URL, {"email": user.email, "password": "wrong-password"})

    assert response.status_code == 401
    assert "detail" in response.json()


def test_an_unknown_email_is_401_with_the_same_message(api_client, user):
    wrong_password = api_client.post(URL, {"email": user.email, "password": "nope-nope"})
    unknown = api_client.post(URL, {"email": "nobody@example.com", "password": "nope-nope"})

    assert unknown.status_code == 401
    assert unknown.json() == wrong_password.json()


def test_an_inactive_user_cannot_log_in(api_client):
    inactive = UserFactory(is_active=False)

    response = api_client.post(URL, {"email": inactive.email, "password": PASSWORD})

    assert response.status_code == 401
    assert "detail" in response.json()


def test_a_401_names_the_bearer_challenge(api_client, user):
    response = api_client.post(URL, {"email": user.email, "password": "wrong-password"})

    assert response["WWW-Authenticate"].startswith("Bearer")


def test_missing_fields_are_400_keyed_by_field(api_client):
    response = api_client.post(URL, {}, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"email", "password"}


def test_login_records_the_refresh_token_as_outstanding(api_client, user):
    api_client.post(URL, {"email": user.email, "password": PASSWORD})

    assert user.outstandingtoken_set.count() == 1


def test_login_takes_a_bounded_number_of_queries(api_client, user, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = api_client.post(URL, {"email": user.email, "password": PASSWORD})

    assert response.status_code == 200
