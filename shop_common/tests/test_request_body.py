"""The guard on request bodies (shop_common.request_body): one size limit,
file parts and chunked bodies included, and only charsets that decode any bytes."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from rest_framework.test import APIClient

from shop_common import settings as shared

BODY_GUARD = "shop_common.request_body.RequestBodyMiddleware"
LIMIT = 1024  # tests.settings.DATA_UPLOAD_MAX_MEMORY_SIZE


@pytest.fixture(autouse=True)
def _body_guard_on(settings):
    # As in shop_common.settings.MIDDLEWARE: right after the request id, so
    # a refusal carries one too.
    settings.MIDDLEWARE = [
        "shop_common.request_id.RequestIDMiddleware",
        BODY_GUARD,
        "django.middleware.common.CommonMiddleware",
    ]


def _multipart(*, file_bytes: int) -> bytes:
    return encode_multipart(
        BOUNDARY,
        {"quantity": "1", "upload": SimpleUploadedFile("big.bin", b"x" * file_bytes)},
    )


def test_every_service_has_the_body_guard_right_after_the_request_id():
    position = shared.MIDDLEWARE.index("shop_common.request_id.RequestIDMiddleware")

    assert shared.MIDDLEWARE[position + 1] == BODY_GUARD


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


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded; charset=punycode", "quantity=1"),
        ("application/x-www-form-urlencoded; charset=idna", "quantity=1"),
        ("application/json; charset=punycode", '{"quantity": 1}'),
        ("application/json; charset=rot13", '{"quantity": 1}'),
        ("application/json; charset=hex", '{"quantity": 1}'),
        ("application/json; charset=no-such-codec", '{"quantity": 1}'),
    ],
    ids=["form-punycode", "form-idna", "json-punycode", "json-rot13", "json-hex", "unknown"],
)
def test_a_charset_that_cannot_decode_any_bytes_is_415_with_json(content_type, body):
    # Django decodes a form with the charset it is given: punycode and idna
    # raise errors it does not catch, which were 500s.
    response = APIClient().post("/echo", data=body, content_type=content_type)

    assert response.status_code == 415
    assert response.json() == {"detail": "Unsupported charset in Content-Type."}


def test_a_multipart_body_with_a_charset_that_cannot_decode_any_bytes_is_415():
    response = APIClient().post(
        "/echo", data=_multipart(file_bytes=10), content_type=MULTIPART_CONTENT + "; charset=idna"
    )

    assert response.status_code == 415


@pytest.mark.parametrize(
    "charset", ["utf-8", "UTF8", "utf-8-sig", "us-ascii", "latin-1", "ISO-8859-1", "windows-1252"]
)
def test_a_body_in_a_supported_charset_is_read(charset):
    response = APIClient().post(
        "/echo",
        data=b"quantity=2",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )

    assert response.status_code == 200
    assert response.json() == {"quantity": 2}


def test_a_utf16_json_body_is_read():
    response = APIClient().post(
        "/echo",
        data='{"quantity": 4}'.encode("utf-16"),
        content_type="application/json; charset=utf-16",
    )

    assert response.status_code == 200
    assert response.json() == {"quantity": 4}
