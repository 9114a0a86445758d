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
