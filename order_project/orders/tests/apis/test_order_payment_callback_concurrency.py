"""Real threads, each with its own database connection: a replay racing the
original callback cannot pass too."""

import json
import threading
import time

import pytest
from django.db import connection
from rest_framework.test import APIClient

from orders import services
from orders.models import AcceptedCallbackSignature
from orders.status import OrderStatus
from orders.tests.factories import OrderFactory
from shop_common.webhooks import webhook_headers

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_replay_racing_the_original_callback_is_refused(monkeypatch):
    order = OrderFactory()
    path = f"/internal/orders/{order.id}/payment"
    raw = json.dumps(
        {
            "payment_id": "6f1c2e3d-4b5a-4c7d-8e9f-0a1b2c3d4e5f",
            "status": "succeeded",
            "amount": "39.80",
        }
    ).encode()
    headers = webhook_headers(method="POST", path=path, body=raw)
    meta = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()}

    apply = services.order_payment_apply

    def slow_apply(**kwargs):
        # Holds the transaction open after the signature is written, so the
        # other request reaches it while this one has not committed.
        time.sleep(0.3)
        return apply(**kwargs)

    monkeypatch.setattr(services, "order_payment_apply", slow_apply)
    barrier = threading.Barrier(2)
    codes: list[int] = []

    def post() -> None:
        try:
            barrier.wait()
            response = APIClient().post(path, data=raw, content_type="application/json", **meta)
            codes.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(codes) == [200, 401]
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert order.events.filter(to_status=OrderStatus.PAID).count() == 1
    assert AcceptedCallbackSignature.objects.count() == 1
