import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_schema_lists_every_payment_endpoint(client):
    response = client.get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {
        "/payment/pay",
        "/payment/{payment_id}",
        "/payment/{payment_id}/refund",
        "/payments",
    } <= set(paths)
    assert "post" in paths["/payment/pay"]
    assert "201" in paths["/payment/{payment_id}/refund"]["post"]["responses"]


@pytest.mark.django_db
def test_the_schema_documents_the_throttle_and_a_page_that_does_not_exist(client):
    paths = client.get("/api/schema/", {"format": "json"}).json()["paths"]

    assert "429" in paths["/payment/pay"]["post"]["responses"]
    assert "404" in paths["/payments"]["get"]["responses"]


def test_the_schema_generates_without_warnings(tmp_path):
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "s.yaml"))
