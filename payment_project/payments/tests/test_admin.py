import pytest
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages

from payments.models import CallbackOutbox, CallbackStatus, PaymentStatus, TransactionKind
from payments.tests.factories import CallbackOutboxFactory, PaymentFactory, payment_succeeded_create

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/payments/payments/payment/"


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser(
        username="admin@example.com", email="admin@example.com", password=None
    )
    client.force_login(user)
    return client


def test_staff_see_the_payments_list(staff):
    payment = payment_succeeded_create()

    response = staff.get(CHANGELIST)

    assert response.status_code == 200
    assert str(payment.id) in response.content.decode()


def test_a_payment_page_is_read_only_and_shows_its_transactions(staff):
    payment = payment_succeeded_create()

    response = staff.get(f"{CHANGELIST}{payment.id}/change/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "authorize" in page and "capture" in page
    assert 'name="_save"' not in page
    assert 'name="card_last4"' not in page


def test_payments_cannot_be_added_or_deleted_in_the_admin(staff):
    payment = payment_succeeded_create()

    assert staff.get(f"{CHANGELIST}add/").status_code == 403
    assert staff.post(f"{CHANGELIST}{payment.id}/delete/", {"post": "yes"}).status_code == 403
    assert staff.post(f"{CHANGELIST}{payment.id}/change/", {"status": "failed"}).status_code == 403
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED


def test_the_refund_action_refunds_and_queues_the_callback(staff):
    payment = payment_succeeded_create()

    response = staff.post(
        CHANGELIST, {"action": "refund", "_selected_action": [str(payment.id)]}, follow=True
    )

    assert response.status_code == 200
    assert "Refunded 1 payment(s)." in response.content.decode()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED
    assert payment.transactions.filter(kind=TransactionKind.REFUND).count() == 1
    assert CallbackOutbox.objects.get().body["status"] == "refunded"


def test_the_refund_action_reports_what_cannot_be_refunded(staff):
    failed = PaymentFactory(status=PaymentStatus.FAILED)

    response = staff.post(
        CHANGELIST, {"action": "refund", "_selected_action": [str(failed.id)]}, follow=True
    )

    assert "Nothing is left to refund" in response.content.decode()
    assert not CallbackOutbox.objects.exists()


def test_refunding_a_refunded_payment_again_is_an_error_message_and_refunds_nothing(staff):
    payment = payment_succeeded_create()
    staff.post(CHANGELIST, {"action": "refund", "_selected_action": [str(payment.id)]}, follow=True)

    response = staff.post(
        CHANGELIST, {"action": "refund", "_selected_action": [str(payment.id)]}, follow=True
    )

    assert response.status_code == 200
    sent = [(m.level, str(m)) for m in get_messages(response.wsgi_request)]
    assert sent == [
        (messages.ERROR, f"Payment {payment.id}: Nothing is left to refund on this payment.")
    ]
    assert payment.transactions.filter(kind=TransactionKind.REFUND).count() == 1
    assert CallbackOutbox.objects.count() == 1


def test_a_mixed_selection_refunds_what_it_may_and_reports_the_rest(staff):
    succeeded = payment_succeeded_create()
    failed = PaymentFactory(status=PaymentStatus.FAILED)

    response = staff.post(
        CHANGELIST,
        {"action": "refund", "_selected_action": [str(succeeded.id), str(failed.id)]},
        follow=True,
    )

    sent = {(m.level, str(m)) for m in get_messages(response.wsgi_request)}
    assert sent == {
        (messages.ERROR, f"Payment {failed.id}: Nothing is left to refund on this payment."),
        (messages.SUCCESS, "Refunded 1 payment(s)."),
    }
    succeeded.refresh_from_db()
    failed.refresh_from_db()
    assert (succeeded.status, failed.status) == (PaymentStatus.REFUNDED, PaymentStatus.FAILED)


@pytest.mark.parametrize("term", ["not-a-uuid", "4242", "' OR 1=1"])
def test_searching_with_any_term_never_fails(staff, term):
    payment_succeeded_create()

    response = staff.get(CHANGELIST, {"q": term})

    assert response.status_code == 200


def test_searching_by_order_id_finds_the_payment(staff):
    wanted = payment_succeeded_create()
    other = payment_succeeded_create()

    page = staff.get(CHANGELIST, {"q": str(wanted.order_id)}).content.decode()

    assert str(wanted.id) in page
    assert str(other.id) not in page


def test_the_list_filters_by_status(staff):
    failed = PaymentFactory(status=PaymentStatus.FAILED)
    succeeded = payment_succeeded_create()

    response = staff.get(CHANGELIST, {"status__exact": "failed"})

    assert response.status_code == 200
    page = response.content.decode()
    assert str(failed.id) in page
    assert str(succeeded.id) not in page


def test_a_customer_without_a_staff_session_is_sent_to_the_login_page(client):
    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert "/admin/payments/login/" in response["Location"]


def test_a_failed_callback_can_be_queued_again_from_the_admin(staff):
    callback = CallbackOutboxFactory(status=CallbackStatus.FAILED)

    staff.post(
        "/admin/payments/payments/callbackoutbox/",
        {"action": "retry", "_selected_action": [str(callback.id)]},
    )

    callback.refresh_from_db()
    assert callback.status == CallbackStatus.PENDING
