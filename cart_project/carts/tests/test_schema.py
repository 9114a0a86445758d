from django.test import Client


def test_the_openapi_schema_describes_every_cart_endpoint():
    response = Client().get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert set(paths["/cart"]) >= {"get", "delete"}
    assert "post" in paths["/cart/add"]
    assert "post" in paths["/cart/remove"]


def test_the_schema_declares_bearer_authentication():
    response = Client().get("/api/schema/", {"format": "json"})

    schemes = response.json()["components"]["securitySchemes"]
    assert schemes["jwtAuth"]["scheme"] == "bearer"


def test_the_interactive_docs_are_served():
    response = Client().get("/api/docs/")

    assert response.status_code == 200
