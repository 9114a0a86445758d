"""Headers a service parses, malformed as a client may send them: a 4xx with
a JSON body, never a 500 (DESIGN.md §3).

A WSGI server hands header values on as latin-1 text, so non-ASCII bytes
arrive as characters such as "\\xc3\\xa9"; these tests send them that way."""

import pytest
from rest_framework.test import APIClient

MALFORMED_AUTHORIZATION = {
    "utf8-bytes": "Bearer caf\xc3\xa9",
    "high-bytes": "Bearer \xff\xfe\xfd",
    "huge": "Bearer " + "a" * 20_000,
    "garbage-jwt": "Bearer a.b.c",
    "two-tokens": "Bearer a b",
    "nul": "Bearer \x00",
    "scheme-only": "Bearer",
    "junk": "\xff",
}


@pytest.mark.parametrize(
    "header", MALFORMED_AUTHORIZATION.values(), ids=MALFORMED_AUTHORIZATION.keys()
)
def test_a_malformed_bearer_header_is_401_with_a_detail(header):
    response = APIClient().get("/whoami", HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert set(response.json()) == {"detail"}


MALFORMED_SERVICE = {
    "utf8-bytes": "Service caf\xc3\xa9",
    "high-bytes": "Service \xff\xfe\xfd",
    "huge": "Service " + "a" * 20_000,
    "garbage-jwt": "Service a.b.c",
    "two-tokens": "Service a b",
    "scheme-only": "Service",
}


@pytest.mark.parametrize("header", MALFORMED_SERVICE.values(), ids=MALFORMED_SERVICE.keys())
def test_a_malformed_service_credential_is_401_with_a_detail(header):
    response = APIClient().post("/internal/thing", HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize(
    ("header", "status"),
    [("Bearer \xff", 401), ("Basic \xff\xfe", 200), ("\xff\xfe", 200)],
    ids=["bearer-bytes", "other-scheme", "no-scheme"],
)
def test_a_public_endpoint_checks_only_a_bearer_header_and_never_fails_on_one(header, status):
    # A Bearer token is checked even where none is needed (401, as for any bad
    # one); another scheme is not this authentication's and is ignored.
    response = APIClient().post("/echo", {"quantity": 1}, format="json", HTTP_AUTHORIZATION=header)

    assert response.status_code == status
    assert response.json()
