import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError

from users import services
from users.models import User
from users.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

URL = "/auth/register"


def test_registering_creates_a_customer_and_returns_it(api_client):
    response = api_client.post(
        URL, {"email": "new@example.com", "password": PASSWORD}, format="json"
    )

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "email", "role", "is_active", "created_at"}
    assert body["email"] == "new@example.com"
    assert body["role"] == "customer"
    assert body["is_active"] is True
    user = User.objects.get(id=body["id"])
    assert user.check_password(PASSWORD)
    assert not user.is_staff


def test_the_new_users_id_is_a_uuid_and_created_at_is_iso_8601_utc(api_client):
    body = api_client.post(URL, {"email": "when@example.com", "password": PASSWORD}).json()

    assert str(uuid.UUID(body["id"])) == body["id"]
    assert body["created_at"].endswith("Z")
    created_at = datetime.fromisoformat(body["created_at"])
    assert created_at.utcoffset() == timedelta(0)
    assert abs(datetime.now(UTC) - created_at) < timedelta(minutes=1)


def test_the_email_is_stored_in_lower_case(api_client):
    response = api_client.post(URL, {"email": "Mixed.Case@Example.COM", "password": PASSWORD})

    assert response.status_code == 201
    assert response.json()["email"] == "mixed.case@example.com"


def test_a_role_in_the_body_is_ignored(api_client):
    response = api_client.post(
        URL, {"email": "sneaky@example.com", "password": PASSWORD, "role": "admin"}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["role"] == "customer"
    assert User.objects.get(email="sneaky@example.com").is_admin is False


def test_a_duplicate_email_is_409(api_client):
    UserFactory(email="taken@example.com")

    response = api_client.post(URL, {"email": "taken@example.com", "password": PASSWORD})

    assert response.status_code == 409
    assert "detail" in response.json()
    assert User.objects.count() == 1


def test_a_duplicate_email_in_another_letter_case_is_409(api_client):
    UserFactory(email="taken@example.com")

    response = api_client.post(URL, {"email": "TAKEN@Example.com", "password": PASSWORD})

    assert response.status_code == 409
    assert User.objects.count() == 1


def test_a_registration_losing_a_race_is_409_not_500(api_client, monkeypatch):
    UserFactory(email="raced@example.com")
    # As if the other registration committed between the check and the insert.
    monkeypatch.setattr(services, "user_email_taken", lambda *, email: False)

    response = api_client.post(URL, {"email": "Raced@example.com", "password": PASSWORD})

    assert response.status_code == 409
    assert User.objects.count() == 1


def test_the_database_refuses_emails_differing_only_in_case():
    UserFactory(email="db@example.com")

    with pytest.raises(IntegrityError):
        User.objects.bulk_create([User(email="DB@example.com")])


@pytest.mark.parametrize("email", ["not-an-email", "", "a@", "@example.com"])
def test_an_invalid_email_is_400_keyed_by_email(api_client, email):
    response = api_client.post(URL, {"email": email, "password": PASSWORD}, format="json")

    assert response.status_code == 400
    assert "email" in response.json()
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "password",
    ["short1", "password123", "12345678901", "weak@example.com"],
    ids=["too-short", "common", "numeric", "like-the-email"],
)
def test_a_weak_password_is_400_keyed_by_password(api_client, password):
    response = api_client.post(
        URL, {"email": "weak@example.com", "password": password}, format="json"
    )

    assert response.status_code == 400
    assert "password" in response.json()
    assert not User.objects.exists()


def test_missing_fields_are_400_keyed_by_field(api_client):
    response = api_client.post(URL, {}, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"email", "password"}


def test_a_form_encoded_registration_works(api_client):
    response = api_client.post(URL, {"email": "form@example.com", "password": PASSWORD})

    assert response.status_code == 201


def test_registering_needs_no_token_even_when_a_stale_one_is_sent(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer expired.or.garbage")

    response = api_client.post(URL, {"email": "fresh@example.com", "password": PASSWORD})

    assert response.status_code == 201


def test_an_email_too_long_once_lower_cased_is_400_not_500(api_client):
    # 249 characters as typed; "\u0130" lower-cases to two characters, so the
    # stored form would overflow the 254-character column.
    email = "a@" + ".".join(["\u0130" * 60] * 4)[:240] + ".com"

    response = api_client.post(URL, {"email": email, "password": PASSWORD}, format="json")

    assert response.status_code == 400
    assert "email" in response.json()
    assert not User.objects.exists()
