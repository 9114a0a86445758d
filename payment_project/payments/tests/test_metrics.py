import pytest

from payments.models import PaymentStatus
from payments.tests.factories import CallbackOutboxFactory, PaymentFactory, payment_succeeded_create

pytestmark = pytest.mark.django_db


def test_metrics_show_payments_by_status_and_refunds(client, admin):
    payment_succeeded_create()
    payment_succeeded_create()
    PaymentFactory(status=PaymentStatus.FAILED)
    refunded = payment_succeeded_create()
    admin.post(f"/payment/{refunded.id}/refund")
    CallbackOutboxFactory(payment=refunded)

    response = client.get("/metrics")

    assert response.status_code == 200
    text = response.content.decode()
    assert 'shop_payments_total{status="succeeded"} 2.0' in text
    assert 'shop_payments_total{status="failed"} 1.0' in text
    assert 'shop_payments_total{status="refunded"} 1.0' in text
    assert "shop_refunds_total 1.0" in text
    assert 'shop_payment_callbacks{status="pending"} 2.0' in text


def test_metrics_show_zeros_before_any_payment(client):
    text = client.get("/metrics").content.decode()

    assert 'shop_payments_total{status="succeeded"} 0.0' in text
    assert "shop_refunds_total 0.0" in text
