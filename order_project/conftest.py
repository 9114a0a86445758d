"""Fixtures of every app's tests: the users calling the API."""

import uuid
from types import SimpleNamespace

import pytest

from shop_common import roles
from shop_common.testing import api_client_as_user


@pytest.fixture
def customer() -> SimpleNamespace:
    return SimpleNamespace(id=str(uuid.uuid4()), email="buyer@example.com")


@pytest.fixture
def customer_client(customer):
    return api_client_as_user(user_id=customer.id, email=customer.email)


@pytest.fixture
def stranger_client():
    return api_client_as_user(user_id=str(uuid.uuid4()), email="stranger@example.com")


@pytest.fixture
def admin_api_client():
    return api_client_as_user(
        user_id=str(uuid.uuid4()), email="staff@example.com", role=roles.ADMIN
    )
