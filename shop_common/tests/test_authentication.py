import base64
import json
import uuid
from datetime import timedelta

import jwt
import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from shop_common import roles
from shop_common.testing import access_token_mint

SIGNING_KEY = "insecure-test-jwt-signing-key-not-for-production"


def _get_whoami(token: str):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client.get("/whoami")


def test_a_good_access_token_puts_sub_email_and_role_on_the_user():
    user_id = str(uuid.uuid4())
    token = access_token_mint(user_id=user_id, email="ann@example.com", role=roles.ADMIN)

    response = _get_whoami(token)

    assert response.status_code == 200
    assert response.json() == {"id": user_id, "email": "ann@example.com", "role": "admin"}


def test_no_token_is_401_with_a_json_detail():
    response = APIClient().get("/whoami")

    assert response.status_code == 401
    assert "detail" in response.json()


def test_a_token_signed_with_another_key_is_refused():
    claims = {
        "sub": str(uuid.uuid4()),
        "role": "admin",
        "token_type": "access",
        "exp": 4102444800,
        "iat": 1700000000,
        "jti": "x",
    }
    forged = jwt.encode(claims, "some-other-key-entirely-different-1234", algorithm="HS256")

    assert _get_whoami(forged).status_code == 401


def test_a_token_with_alg_none_is_refused():
    def b64(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    claims = {
        "sub": str(uuid.uuid4()),
        "role": "admin",
        "token_type": "access",
        "exp": 4102444800,
        "iat": 1700000000,
        "jti": "x",
    }
    unsigned = f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(claims)}."

    assert _get_whoami(unsigned).status_code == 401


def test_an_expired_token_is_refused():
    token = access_token_mint(user_id=str(uuid.uuid4()), lifetime=timedelta(seconds=-60))

    assert _get_whoami(token).status_code == 401


def test_a_refresh_token_used_as_an_access_token_is_refused():
    refresh = RefreshToken()
    refresh["sub"] = str(uuid.uuid4())
    refresh["role"] = roles.CUSTOMER

    assert _get_whoami(str(refresh)).status_code == 401


def test_a_garbage_bearer_value_is_401():
    assert _get_whoami("not-a-jwt").status_code == 401


@pytest.mark.parametrize(("role", "expected"), [(roles.CUSTOMER, 403), (roles.ADMIN, 200)])
def test_the_admin_permission_admits_only_the_admin_role(role, expected):
    client = APIClient()
    token = access_token_mint(user_id=str(uuid.uuid4()), role=role)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    assert client.post("/admin-only").status_code == expected


def test_a_refused_token_answers_exactly_a_detail():
    body = _get_whoami("not-a-jwt").json()

    assert list(body) == ["detail"]
