import pytest

from users.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

URL = "/auth/logout"


def test_logging_out_is_204(api_client, user, login):
    tokens = login(user.email)

    response = api_client.post(URL, {"refresh": tokens["refresh"]}, format="json")

    assert response.status_code == 204


def test_after_logout_the_refresh_token_no_longer_works(api_client, user, login):
    tokens = login(user.email)
    api_client.post(URL, {"refresh": tokens["refresh"]})

    response = api_client.post("/auth/refresh", {"refresh": tokens["refresh"]})

    assert response.status_code == 401


def test_logout_leaves_other_sessions_alone(api_client, user, login):
    phone = login(user.email)
    laptop = login(user.email, PASSWORD)
    api_client.post(URL, {"refresh": phone["refresh"]})

    response = api_client.post("/auth/refresh", {"refresh": laptop["refresh"]})

    assert response.status_code == 200


def test_logging_out_twice_is_401_the_second_time(api_client, user, login):
    tokens = login(user.email)
    api_client.post(URL, {"refresh": tokens["refresh"]})

    response = api_client.post(URL, {"refresh": tokens["refresh"]})

    assert response.status_code == 401
    assert "detail" in response.json()


def test_a_garbage_token_is_401_with_json(api_client):
    response = api_client.post(URL, {"refresh": "garbage"})

    assert response.status_code == 401
    assert "detail" in response.json()


def test_logging_out_works_with_an_expired_access_token_header(api_client, user, login):
    tokens = login(user.email)
    api_client.credentials(HTTP_AUTHORIZATION="Bearer no.longer.valid")

    response = api_client.post(URL, {"refresh": tokens["refresh"]})

    assert response.status_code == 204


def test_a_missing_refresh_is_400(api_client):
    response = api_client.post(URL, {}, format="json")

    assert response.status_code == 400
    assert "refresh" in response.json()
