import os

import pytest
from conftest import url

from devstack.demo import demo_seed

STATUSES = [
    "pending_payment",
    "paid",
    "payment_failed",
    "cancelled",
    "shipped",
    "delivered",
    "refunded",
]


@pytest.fixture(scope="module")
def demo_created():
    urls = {name: url(name) for name in ("auth", "catalog", "cart", "order", "payment")}
    return demo_seed(
        urls=urls,
        admin_email=os.environ["ADMIN_EMAIL"],
        admin_password=os.environ["ADMIN_PASSWORD"],
    ), urls


def test_the_demo_activity_leaves_orders_in_every_status(demo_created, admin):
    created, _ = demo_created
    assert created is True

    for status in STATUSES:
        page = admin.call("GET", "order", "/orders", params={"status": status}).json()
        assert page["count"] >= 1, status


def test_the_demo_activity_is_created_once(demo_created):
    _, urls = demo_created

    assert (
        demo_seed(
            urls=urls,
            admin_email=os.environ["ADMIN_EMAIL"],
            admin_password=os.environ["ADMIN_PASSWORD"],
        )
        is False
    )
