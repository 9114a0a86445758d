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
    "/addresses": ["get", "post"],
    "/addresses/{address_id}": ["get", "patch", "delete"],
}


def test_the_schema_lists_every_order_endpoint(client):
    response = client.get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    paths = response.json()["paths"]
    for path, methods in PATHS.items():
        for method in [methods] if isinstance(methods, str) else methods:
            assert method in paths[path], (path, method)


def test_the_schema_generates_without_warnings(tmp_path):
    call_command("spectacular", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))

    assert (tmp_path / "schema.yaml").stat().st_size > 0


def _schema(client) -> dict:
    return client.get("/api/schema/", {"format": "json"}).json()


def _resolve(schema: dict, ref_holder: dict) -> dict:
    name = ref_holder["$ref"].rsplit("/", 1)[-1]
    return schema["components"]["schemas"][name]


def test_the_schema_describes_the_address_book_bodies(client):
    schema = _schema(client)
    address_fields = {"name", "line1", "line2", "city", "postal_code", "country", "phone"}
    create = schema["paths"]["/addresses"]["post"]
    update = schema["paths"]["/addresses/{address_id}"]["patch"]

    for operation in (create, update):
        body = _resolve(schema, operation["requestBody"]["content"]["application/json"]["schema"])
        assert set(body["properties"]) == address_fields | {"is_default"}
    create_body = _resolve(schema, create["requestBody"]["content"]["application/json"]["schema"])
    assert set(create_body["required"]) == {"name", "line1", "city", "postal_code", "country"}
    output = _resolve(schema, create["responses"]["201"]["content"]["application/json"]["schema"])
    assert set(output["properties"]) == address_fields | {
        "id",
        "is_default",
        "created_at",
        "updated_at",
    }
    assert {"401", "404"} <= schema["paths"]["/addresses/{address_id}"]["delete"][
        "responses"
    ].keys()
    assert "409" in create["responses"]


def test_the_schema_offers_address_id_in_place_of_a_shipping_address(client):
    schema = _schema(client)
    create = schema["paths"]["/order/create"]["post"]

    body = _resolve(schema, create["requestBody"]["content"]["application/json"]["schema"])
    assert body["properties"]["address_id"]["format"] == "uuid"
    assert "shipping_address" in body["properties"]
    assert not body.get("required")
    assert "404" in create["responses"]


def test_every_operation_for_users_documents_its_401_and_the_list_its_400_and_404(client):
    schema = _schema(client)

    for path, operations in schema["paths"].items():
        if path.startswith("/internal/") or not (path.startswith(("/order", "/addresses"))):
            continue
        for method, operation in operations.items():
            assert "401" in operation["responses"], (method, path)
    assert {"400", "401", "404"} <= schema["paths"]["/orders"]["get"]["responses"].keys()
