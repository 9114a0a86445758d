"""The pieces of shop_common.admin_access that need no database: which
tokens name a staff member, and how the auth service's answer is read. The
middleware itself is tested through real admins in the catalog, order,
payment and auth suites (they have the sessions and users it needs)."""

import uuid
from datetime import timedelta

import pytest
import responses
from django.test import RequestFactory

from shop_common import roles
from shop_common.admin_access import admin_token_auth_user_id, staff_record_get
from shop_common.errors import ServiceUnavailable
from shop_common.testing import access_token_mint

USER_ID = str(uuid.uuid4())
RIGHTS_URL = f"http://auth.test/internal/users/{USER_ID}"


def _request(authorization: str | None):
    headers = {"Authorization": authorization} if authorization is not None else {}
    return RequestFactory().get("/admin/x/", headers=headers)


def _bearer(**kwargs) -> str:
    return f"Bearer {access_token_mint(user_id=USER_ID, **kwargs)}"


def test_an_admin_access_token_names_its_person():
    assert admin_token_auth_user_id(_request(_bearer(role=roles.ADMIN))) == USER_ID


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Token abc",
        "Bearer not-a-jwt",
        "Service abc",
    ],
)
def test_no_token_or_a_malformed_one_names_nobody(authorization):
    assert admin_token_auth_user_id(_request(authorization)) is None


def test_a_customers_token_names_nobody():
    assert admin_token_auth_user_id(_request(_bearer(role=roles.CUSTOMER))) is None


def test_an_expired_admin_token_names_nobody():
    authorization = _bearer(role=roles.ADMIN, lifetime=timedelta(seconds=-60))

    assert admin_token_auth_user_id(_request(authorization)) is None


def test_an_admin_token_whose_subject_is_not_a_uuid_names_nobody():
    token = access_token_mint(user_id="../internal/other", role=roles.ADMIN)

    assert admin_token_auth_user_id(_request(f"Bearer {token}")) is None


@responses.activate
def test_auth_is_asked_with_a_service_credential_and_its_answer_read():
    responses.get(
        RIGHTS_URL,
        json={"id": USER_ID, "email": "staff@example.com", "role": "admin", "is_active": True},
    )

    record = staff_record_get(auth_user_id=USER_ID)

    assert record.is_staff_member
    assert record.email == "staff@example.com"
    assert responses.calls[0].request.headers["Authorization"].startswith("Service ")


@responses.activate
@pytest.mark.parametrize(
    ("role", "is_active"), [("customer", True), ("admin", False)], ids=["demoted", "inactive"]
)
def test_a_demoted_or_inactive_person_is_no_staff_member(role, is_active):
    responses.get(
        RIGHTS_URL,
        json={"id": USER_ID, "email": "s@example.com", "role": role, "is_active": is_active},
    )

    assert not staff_record_get(auth_user_id=USER_ID).is_staff_member


@responses.activate
def test_an_unknown_person_has_no_record():
    responses.get(RIGHTS_URL, json={"detail": "No such user."}, status=404)

    assert staff_record_get(auth_user_id=USER_ID) is None


@responses.activate
def test_an_id_that_is_not_a_uuid_is_never_sent():
    assert staff_record_get(auth_user_id="1/../../admin") is None
    assert len(responses.calls) == 0


@responses.activate
@pytest.mark.parametrize(
    "answer",
    [
        {"status": 500, "json": {"detail": "boom"}},
        {"status": 403, "json": {"detail": "Not for this caller."}},
        {"status": 200, "body": "not json"},
        {"status": 200, "json": {"id": USER_ID, "role": "admin"}},
        {"status": 200, "json": ["admin"]},
        {
            "status": 200,
            "json": {"id": USER_ID, "email": "s@example.com", "role": "admin", "is_active": "yes"},
        },
        {
            "status": 200,
            "json": {
                "id": str(uuid.uuid4()),
                "email": "s@example.com",
                "role": "admin",
                "is_active": True,
            },
        },
    ],
    ids=["5xx", "refused", "not-json", "fields-missing", "a-list", "active-not-bool", "other-id"],
)
def test_an_answer_that_is_no_answer_means_auth_is_unavailable(answer):
    responses.get(RIGHTS_URL, **answer)

    with pytest.raises(ServiceUnavailable):
        staff_record_get(auth_user_id=USER_ID)


@responses.activate
def test_auth_unreachable_means_unavailable():
    with pytest.raises(ServiceUnavailable):
        staff_record_get(auth_user_id=USER_ID)
