"""`GET /payment/summary`: the staff dashboard's payment counts (admins only)."""

import pytest

from payments.models import PaymentStatus
from payments.tests.factories import PaymentFactory, payment_succeeded_create

pytestmark = pytest.mark.django_db

URL = "/payment/summary"


def test_admins_get_succeeded_and_failed_counts(admin):
    payment_succeeded_create()
    payment_succeeded_create()
    PaymentFactory(status=PaymentStatus.FAILED)
    # A refunded payment is no longer succeeded, nor is it a failure.
    PaymentFactory(status=PaymentStatus.REFUNDED)

    response = admin.get(URL)

    assert response.status_code == 200
    assert response.json() == {"succeeded": 2, "failed": 1}


def test_with_no_payments_both_counts_are_zero(admin):
    response = admin.get(URL)

    assert response.status_code == 200
    assert response.json() == {"succeeded": 0, "failed": 0}


def test_the_summary_needs_a_token(client):
    response = client.get(URL)

    assert response.status_code == 401
    assert "detail" in response.json()


def test_customers_are_refused(customer):
    assert customer.get(URL).status_code == 403


@pytest.mark.parametrize("rows", [1, 30])
def test_the_summary_is_one_query_whatever_the_number_of_payments(
    admin, django_assert_num_queries, rows
):
    PaymentFactory.create_batch(rows, status=PaymentStatus.FAILED)

    with django_assert_num_queries(1):
        response = admin.get(URL)

    assert response.json() == {"succeeded": 0, "failed": rows}


def test_a_payment_id_path_still_reaches_the_payment(admin):
    payment = payment_succeeded_create()

    response = admin.get(f"/payment/{payment.id}")

    assert response.status_code == 200
    assert response.json()["id"] == str(payment.id)


def test_the_schema_describes_the_summary(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/payment/summary"]["get"]

    assert {"200", "401", "403"} <= set(operation["responses"])
    properties = schema["components"]["schemas"]["PaymentSummary"]["properties"]
    assert set(properties) == {"succeeded", "failed"}
