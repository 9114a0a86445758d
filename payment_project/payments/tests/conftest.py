import uuid
from datetime import date

import pytest
import requests
import responses
from django.conf import settings

from shop_common import roles
from shop_common.testing import api_client_as_user

GOOD_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000002"


@pytest.fixture
def customer_id() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def customer(customer_id):
    return api_client_as_user(user_id=customer_id, email="customer@example.com")


@pytest.fixture
def other_customer():
    return api_client_as_user(user_id=str(uuid.uuid4()), email="other@example.com")


@pytest.fixture
def admin_id() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def admin(admin_id):
    return api_client_as_user(user_id=admin_id, email="admin@example.com", role=roles.ADMIN)


@pytest.fixture
def http():
    """Every outgoing HTTP call must be stubbed; an unstubbed one fails as a
    connection error would."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def order_url(order_id) -> str:
    return f"{settings.SERVICE_URLS['order']}/order/{order_id}"


def callback_url(order_id) -> str:
    return f"{settings.SERVICE_URLS['order']}/internal/orders/{order_id}/payment"


@pytest.fixture
def order_stub(http):
    """Registers the order service's answer to `GET /order/{id}`."""

    def stub(
        order_id,
        *,
        status: str = "pending_payment",
        total: str = "19.90",
        currency: str = "KZT",
        http_status: int = 200,
        unreachable: bool = False,
        **extra,
    ):
        if unreachable:
            return http.get(order_url(order_id), body=requests.ConnectionError("refused"))
        body = {"id": str(order_id), "status": status, "total": total, "currency": currency}
        return http.get(order_url(order_id), json={**body, **extra}, status=http_status)

    return stub


@pytest.fixture
def pay_body():
    def body(order_id, /, *, card_number: str = GOOD_CARD, **overrides):
        return {
            "order_id": str(order_id),
            "card_number": card_number,
            "exp_month": 12,
            "exp_year": date.today().year + 3,
            "cvc": "123",
            **overrides,
        }

    return body
