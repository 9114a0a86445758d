import pytest

from orders.status import OrderStatus
from orders.tests.factories import OrderFactory

pytestmark = pytest.mark.django_db


def test_metrics_count_orders_by_status_and_orders_created(client):
    OrderFactory.create_batch(2, status=OrderStatus.PAID)
    OrderFactory(status=OrderStatus.CANCELLED)

    response = client.get("/metrics")

    assert response.status_code == 200
    text = response.content.decode()
    assert 'shop_orders_total{status="paid"} 2.0' in text
    assert 'shop_orders_total{status="cancelled"} 1.0' in text
    assert 'shop_orders_total{status="refunded"} 0.0' in text
    assert "shop_orders_created_total 3.0" in text
