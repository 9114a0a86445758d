"""Fixtures every catalog test shares: API clients holding each kind of credential."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from shop_common import roles
from shop_common.testing import api_client_as_service, api_client_as_user


@pytest.fixture
def anonymous_client() -> APIClient:
    return APIClient()


@pytest.fixture
def customer_client() -> APIClient:
    return api_client_as_user(user_id=str(uuid.uuid4()), email="customer@example.com")


@pytest.fixture
def admin_client() -> APIClient:
    return api_client_as_user(
        user_id=str(uuid.uuid4()), email="admin@example.com", role=roles.ADMIN
    )


@pytest.fixture
def service_client() -> APIClient:
    return api_client_as_service(audience="catalog", issuer="order")


@pytest.fixture
def staff_client(client, db):
    """A Django test client signed in to the admin as a local staff record."""
    staff = get_user_model().objects.create(
        username="admin@example.com", is_staff=True, is_superuser=True
    )
    client.force_login(staff)
    return client
