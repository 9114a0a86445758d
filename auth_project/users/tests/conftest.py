import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from users.login_throttle import KEY_PREFIX
from users.tests.factories import PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def login_failures_cleared():
    """Failure counters live in Redis, outside the test transaction."""
    cache.delete_pattern(f"{KEY_PREFIX}:*")
    yield
    cache.delete_pattern(f"{KEY_PREFIX}:*")


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def login(api_client):
    """Logs a user in through the API and returns the response body."""

    def _login(email: str, password: str = PASSWORD) -> dict:
        response = api_client.post(
            "/auth/login", {"email": email, "password": password}, format="json"
        )
        assert response.status_code == 200, response.content
        return response.json()

    return _login


@pytest.fixture
def authed_client(user, login) -> APIClient:
    """A client sending the Bearer access token of `user`."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {login(user.email)['access']}")
    return client
