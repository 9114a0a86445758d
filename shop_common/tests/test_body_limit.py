"""One size limit on every request body (shop_common.body_limit), file parts included."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from rest_framework.test import APIClient

from shop_common import settings as shared

BODY_LIMIT = "shop_common.body_limit.BodySizeLimitMiddleware"
LIMIT = 1024  # tests.settings.DATA_UPLOAD_MAX_MEMORY_SIZE


@pytest.fixture(autouse=True)
def _body_limit_on(settings):
    # As in shop_common.settings.MIDDLEWARE: right after the request id, so
    # a refusal carries one too.
    settings.MIDDLEWARE = [
        "shop_common.request_id.RequestIDMiddleware",
        BODY_LIMIT,
        "django.middleware.common.CommonMiddleware",
    ]


def _multipart(*, file_bytes: int) -> bytes:
    return encode_multipart(
        BOUNDARY,
        {"quantity": "1", "upload": SimpleUploadedFile("big.bin", b"x" * file_bytes)},
    )


def test_every_service_has_the_body_limit_right_after_the_request_id():
    position = shared.MIDDLEWARE.index("shop_common.request_id.RequestIDMiddleware")

    assert shared.MIDDLEWARE[position + 1] == BODY_LIMIT


def test_a_multipart_body_whose_file_part_is_over_the_limit_is_413_with_json():
    # Django's own limit counts only the non-file fields: without the
    # middleware this body is read, its file spooled, and the view answers 200.
    response = APIClient().post(
        "/echo", data=_multipart(file_bytes=LIMIT * 4), content_type=MULTIPART_CONTENT
    )

    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large."}
    assert response["X-Request-ID"]


def test_a_multipart_body_within_the_limit_reaches_the_view():
    response = APIClient().post(
        "/echo", data=_multipart(file_bytes=100), content_type=MULTIPART_CONTENT
    )

    assert response.status_code == 200
    assert response.json() == {"quantity": 1}


def test_a_body_of_exactly_the_limit_is_read():
    body = '{"quantity": 1}'.ljust(LIMIT)

    response = APIClient().post("/echo", data=body, content_type="application/json")

    assert response.status_code == 200


def test_a_json_body_one_byte_over_the_limit_is_413():
    body = '{"quantity": 1}'.ljust(LIMIT + 1)

    response = APIClient().post("/echo", data=body, content_type="application/json")

    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large."}


def _unframed(body: bytes, *, content_type: str = "application/json") -> tuple[int, bytes]:
    """POSTs `body` to /echo as a WSGI server hands on a chunked request:
    no CONTENT_LENGTH, the de-chunked bytes in wsgi.input."""
    environ = RequestFactory()._base_environ(
        PATH_INFO="/echo",
        REQUEST_METHOD="POST",
        CONTENT_TYPE=content_type,
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": io.BytesIO(body)},
    )
    environ.pop("CONTENT_LENGTH", None)
    started = {}
    chunks = WSGIHandler()(environ, lambda status, headers: started.update(status=status))
    return int(started["status"].split()[0]), b"".join(chunks)


def test_a_body_without_a_length_is_read_like_any_other():
    # Django alone reads such a body as empty: the view would answer 400.
    status, content = _unframed(b'{"quantity": 3}')

    assert status == 200
    assert json.loads(content) == {"quantity": 3}


def test_a_multipart_body_without_a_length_is_read_like_any_other():
    status, content = _unframed(_multipart(file_bytes=100), content_type=MULTIPART_CONTENT)

    assert status == 200
    assert json.loads(content) == {"quantity": 1}


def test_a_body_without_a_length_over_the_limit_is_413_with_json():
    status, content = _unframed(_multipart(file_bytes=LIMIT * 4), content_type=MULTIPART_CONTENT)

    assert status == 413
    assert json.loads(content) == {"detail": "The request body is too large."}


def test_an_empty_body_without_a_length_is_an_empty_body():
    status, content = _unframed(b"")

    assert status == 400
    assert "quantity" in json.loads(content)


@pytest.mark.parametrize("length", ["abc", "-1", "1.5", "\u00b2", " 12"])
def test_a_malformed_content_length_is_400_with_json(length):
    response = APIClient().post(
        "/echo", data='{"quantity": 1}', content_type="application/json", CONTENT_LENGTH=length
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "Content-Length must be a non-negative integer."}


def test_a_content_length_of_thousands_of_digits_is_413_not_500():
    response = APIClient().post(
        "/echo", data="{}", content_type="application/json", CONTENT_LENGTH="9" * 5000
    )

    assert response.status_code == 413


def test_requests_without_a_body_pass(settings):
    response = APIClient().get("/healthz")

    assert response.status_code == 200


def test_no_limit_when_the_setting_is_none(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None

    response = APIClient().post(
        "/echo", data=_multipart(file_bytes=LIMIT * 4), content_type=MULTIPART_CONTENT
    )

    assert response.status_code == 200
