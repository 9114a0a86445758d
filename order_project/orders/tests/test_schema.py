import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

PATHS = {
    "/order/create": "post",
    "/order/{order_id}": "get",
    "/orders": "get",
    "/order/{order_id}/cancel": "post",
    "/order/{order_id}/status": "post",
    "/internal/orders/{order_id}/payment": "post",
}


def test_the_schema_lists_every_order_endpoint(client):
    response = client.get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    paths = response.json()["paths"]
    for path, method in PATHS.items():
        assert method in paths[path], path


def test_the_schema_generates_without_warnings(tmp_path):
    call_command("spectacular", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))

    assert (tmp_path / "schema.yaml").stat().st_size > 0
