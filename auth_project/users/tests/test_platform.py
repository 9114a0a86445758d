"""What every service answers beside its API: health, metrics, schema, request ids."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

AUTH_PATHS = [
    "/auth/register",
    "/auth/login",
    "/auth/refresh",
    "/auth/logout",
    "/auth/me",
    "/auth/change-password",
]


def test_healthz_answers(api_client):
    response = api_client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_checks_the_database_and_redis(api_client):
    response = api_client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_metrics_are_in_prometheus_format(api_client):
    api_client.get("/healthz")

    response = api_client.get("/metrics")

    assert response.status_code == 200
    assert b"django_http_requests" in response.content


def test_the_schema_lists_every_auth_path(api_client):
    response = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in AUTH_PATHS:
        assert path in paths
    assert "201" in paths["/auth/register"]["post"]["responses"]
    assert "409" in paths["/auth/register"]["post"]["responses"]
    assert "429" in paths["/auth/login"]["post"]["responses"]


def test_the_schema_generates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yaml"))

    assert (tmp_path / "s.yaml").read_text().startswith("openapi:")


def test_the_docs_page_is_served(api_client):
    response = api_client.get("/api/docs/")

    assert response.status_code == 200
    assert b"swagger" in response.content.lower()


def test_the_browsable_api_renders_the_login_form(api_client):
    response = api_client.get("/auth/login", HTTP_ACCEPT="text/html")

    assert response.status_code == 405
    assert b"<html" in response.content.lower()


def test_a_given_request_id_is_echoed(api_client):
    response = api_client.get("/healthz", HTTP_X_REQUEST_ID="req-123")

    assert response["X-Request-ID"] == "req-123"


def test_a_request_id_is_generated_when_none_is_given(api_client):
    response = api_client.post("/auth/login", {}, format="json")

    assert len(response["X-Request-ID"]) >= 16


def test_the_browsable_api_renders_me_for_a_signed_in_user(authed_client, user):
    response = authed_client.get("/auth/me", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert user.email in response.content.decode()
