"""The order admin has the staff access of every admin
(shop_common.admin_access; its cases are tested in the catalog's and auth's
suites): the gateway's admin token signs in, a customer's does not, and a
demoted admin is signed out at the re-check. Auth is stubbed over HTTP."""

import uuid

import pytest
import responses
from django.conf import settings

from shop_common import roles
from shop_common.testing import access_token_mint, admin_session_age

pytestmark = pytest.mark.django_db

ADMIN = "/admin/orders/"
STAFF_ID = str(uuid.uuid4())


def _bearer(*, role: str = roles.ADMIN) -> dict[str, str]:
    token = access_token_mint(user_id=STAFF_ID, email="staff@example.com", role=role)
    return {"Authorization": f"Bearer {token}"}


def _rights_stub(*, role: str = roles.ADMIN) -> responses.BaseResponse:
    return responses.get(
        f"{settings.SERVICE_URLS['auth']}/internal/users/{STAFF_ID}",
        json={"id": STAFF_ID, "email": "staff@example.com", "role": role, "is_active": True},
    )


def _refused(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(f"{ADMIN}login/")


@responses.activate
def test_an_admin_token_signs_in_and_a_customers_does_not(client, django_user_model):
    _rights_stub()

    assert _refused(client.get(ADMIN, headers=_bearer(role=roles.CUSTOMER)))
    response = client.get(ADMIN, headers=_bearer())

    assert response.status_code == 200
    assert "order_sessionid" in response.cookies
    assert django_user_model.objects.filter(username="staff@example.com", is_staff=True).exists()


@responses.activate
def test_a_demoted_admin_is_refused_after_the_recheck_window(client):
    _rights_stub()
    client.get(ADMIN, headers=_bearer())
    admin_session_age(client, rights_checked=settings.ADMIN_STAFF_RECHECK_SECONDS)
    responses.replace(
        responses.GET,
        f"{settings.SERVICE_URLS['auth']}/internal/users/{STAFF_ID}",
        json={"id": STAFF_ID, "email": "staff@example.com", "role": "customer", "is_active": True},
    )

    assert _refused(client.get(ADMIN))
    assert _refused(client.get(ADMIN))
