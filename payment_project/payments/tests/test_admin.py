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


CALLBACK_CHANGELIST = "/admin/payments/payments/callbackoutbox/"


@pytest.mark.parametrize("changelist", [CHANGELIST, CALLBACK_CHANGELIST])
@pytest.mark.parametrize(
    "query",
    [
        "status__exact=%00",
        "status=fail%00ed",
        "q=%00",
        "q=%ED%A0%80",
        "q=" + "a" * 10_000,
        "o=%00",
        "p=%00",
    ],
    ids=["NUL filter", "NUL inside", "NUL search", "surrogate", "long search", "order", "page"],
)
def test_hostile_list_parameters_never_fail(staff, changelist, query):
    payment_succeeded_create()
    CallbackOutboxFactory()

    response = staff.get(f"{changelist}?{query}")

    # Django's answer to filters it cannot use: a redirect to ?e=1.
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"].endswith("?e=1")


@pytest.mark.parametrize(
    "query",
    [
        "created_at__year=99999999999",
        "created_at__year=2020&created_at__month=99999999999999999999",
        "created_at__year=%00",
    ],
    ids=["year", "month", "NUL"],
)
def test_a_date_outside_the_calendar_is_django_invalid_filters_answer(staff, query):
    payment_succeeded_create()

    response = staff.get(f"{CHANGELIST}?{query}")

    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


@pytest.mark.parametrize(
    ("changelist", "action", "selected"),
    [
        (CHANGELIST, "refund", "not-a-uuid"),
        (CHANGELIST, "refund", "\x00"),
        (CHANGELIST, "refund", "a" * 10_000),
        (CALLBACK_CHANGELIST, "retry", "abc"),
        (CALLBACK_CHANGELIST, "retry", "\x00"),
        (CALLBACK_CHANGELIST, "retry", "1.5"),
    ],
    ids=["word", "NUL", "long", "callback word", "callback NUL", "callback fraction"],
)
def test_an_action_on_a_malformed_id_is_an_error_message_and_does_nothing(
    staff, changelist, action, selected
):
    payment = payment_succeeded_create()
    callback = CallbackOutboxFactory(status=CallbackStatus.FAILED)

    valid = payment.pk if changelist == CHANGELIST else callback.pk

    response = staff.post(
        changelist, {"action": action, "_selected_action": [str(valid), selected]}
    )

    assert response.status_code == 302
    assert [(m.level, m.message) for m in get_messages(response.wsgi_request)] == [
        (messages.ERROR, "The selection holds an id that is not valid.")
    ]
    payment.refresh_from_db()
    callback.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert callback.status == CallbackStatus.FAILED
