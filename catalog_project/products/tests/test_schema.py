import pytest
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db


def test_the_openapi_schema_generates_and_lists_every_catalog_endpoint(anonymous_client):
    response = anonymous_client.get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert set(paths["/products"]) >= {"get", "post"}
    assert set(paths["/products/{product_id}"]) >= {"get", "patch", "delete"}
    assert set(paths["/categories"]) >= {"get", "post"}
    assert set(paths["/categories/{category_id}"]) >= {"get", "patch", "delete"}
    assert "post" in paths["/internal/reservations"]
    assert "post" in paths["/internal/reservations/{order_id}/release"]
    parameters = {p["name"] for p in paths["/products"]["get"]["parameters"]}
    assert parameters >= {"search", "category", "min_price", "max_price", "ids", "ordering"}


def test_the_schema_generates_without_errors_or_warnings():
    GENERATOR_STATS.reset()
    SchemaGenerator().get_schema(request=None, public=True)

    assert not GENERATOR_STATS._warn_cache
    assert not GENERATOR_STATS._error_cache


def test_the_browsable_api_renders_the_product_list_for_an_admin(admin_client):
    response = admin_client.get("/products", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert b"<html" in response.content


def test_the_interactive_docs_page_is_served(anonymous_client):
    assert anonymous_client.get("/api/docs/").status_code == 200


def _schema(client) -> dict:
    return client.get("/api/schema/", {"format": "json"}).json()


def test_category_slugs_are_documented_without_an_ascii_only_pattern(anonymous_client):
    # A slug may hold any script's letters ("книги"); JSON Schema's \w would
    # not match them, so the answers would contradict their own schema.
    schemas = _schema(anonymous_client)["components"]["schemas"]
    slugs = [
        schema["properties"]["slug"]
        for name, schema in schemas.items()
        if "Category" in name and "slug" in schema.get("properties", {})
    ]

    assert len(slugs) >= 3  # the answer, the create and the update input
    assert all("pattern" not in slug and slug["type"] == "string" for slug in slugs)


def test_a_non_latin_slug_in_an_answer_is_the_string_the_schema_documents(admin_client):
    response = admin_client.post("/categories", {"name": "Книги"}, format="json")

    assert response.status_code == 201
    assert response.json()["slug"] == "книги"


@pytest.mark.parametrize("path", ["/products", "/categories"])
def test_the_lists_document_the_404_of_a_page_past_the_last(anonymous_client, path):
    responses = _schema(anonymous_client)["paths"][path]["get"]["responses"]

    assert "404" in responses
    assert anonymous_client.get(path, {"page": 99}).status_code == 404
