from rest_framework import serializers
from rest_framework.test import APIClient

from shop_common.fields import StrictUUIDField


def test_malformed_json_is_400_with_a_json_detail():
    response = APIClient().post("/echo", data="{not json", content_type="application/json")

    assert response.status_code == 400
    assert "detail" in response.json()


def test_a_validation_error_is_keyed_by_field():
    response = APIClient().post("/echo", {"quantity": "many"}, format="json")

    assert response.status_code == 400
    assert "quantity" in response.json()


def test_a_body_over_the_size_limit_is_413_with_json():
    response = APIClient().post(
        "/echo",
        data='{"quantity": 1, "pad": "' + "x" * 4096 + '"}',
        content_type="application/json",
    )

    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large."}


def test_a_django_validation_error_becomes_400_not_500():
    response = APIClient().get("/failing", {"kind": "django-validation"})

    assert response.status_code == 400
    assert response.json()


def test_conflict_is_409_with_detail():
    response = APIClient().get("/failing", {"kind": "conflict"})

    assert response.status_code == 409
    assert response.json() == {"detail": "Already there."}


def test_a_malformed_uuid_in_a_path_is_a_json_404():
    response = APIClient().get("/items/not-a-uuid")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_an_unknown_path_is_a_json_404():
    response = APIClient().get("/no/such/page")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_deeply_nested_json_is_400_not_500():
    response = APIClient().post("/echo", data="[" * 100_000, content_type="application/json")

    assert response.status_code in (400, 413)
    assert "detail" in response.json()


def test_nesting_within_the_size_limit_that_exhausts_recursion_is_400(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 200_000
    body = "[" * 50_000 + "]" * 50_000

    response = APIClient().post("/echo", data=body, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"detail": "JSON parse error - nested too deeply."}


def test_a_strict_uuid_field_refuses_an_integer_that_drf_would_accept():
    class Input(serializers.Serializer):
        strict = StrictUUIDField()
        lenient = serializers.UUIDField()

    serializer = Input(data={"strict": 1, "lenient": 1})

    assert not serializer.is_valid()
    assert list(serializer.errors) == ["strict"]
