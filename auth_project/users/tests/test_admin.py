"""The Django admin at /admin/users/ for staff."""

import pytest
from django.test import Client, override_settings
from rest_framework.test import APIClient

from users.models import Role, User
from users.tests.factories import PASSWORD, AdminFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/users/users/user/"


def _listed(response) -> set[str]:
    return {user.email for user in response.context["cl"].result_list}


@pytest.fixture
def staff_client() -> Client:
    client = Client()
    client.force_login(AdminFactory(email="staff@example.com"))
    return client


def test_the_changelist_lists_users_with_their_columns(staff_client):
    UserFactory(email="listed@example.com")

    response = staff_client.get(CHANGELIST)

    assert response.status_code == 200
    content = response.content.decode()
    assert "listed@example.com" in content
    for column in [
        "column-email",
        "column-role",
        "column-is_active",
        "column-is_staff",
        "column-created_at",
    ]:
        assert column in content


def test_the_changelist_searches_by_email(staff_client):
    UserFactory(email="findme@example.com")
    UserFactory(email="hidden@example.com")

    response = staff_client.get(CHANGELIST, {"q": "findme"})

    assert response.status_code == 200
    assert _listed(response) == {"findme@example.com"}


def test_the_changelist_filters_by_role_and_activity(staff_client):
    UserFactory(email="active-customer@example.com")
    UserFactory(email="gone-customer@example.com", is_active=False)

    by_role = staff_client.get(CHANGELIST, {"role__exact": Role.CUSTOMER})
    inactive = staff_client.get(CHANGELIST, {"is_active__exact": "0"})

    assert _listed(by_role) == {"active-customer@example.com", "gone-customer@example.com"}
    assert _listed(inactive) == {"gone-customer@example.com"}


def test_the_change_page_never_shows_the_password_hash(staff_client):
    user = UserFactory()

    response = staff_client.get(f"{CHANGELIST}{user.pk}/change/")

    assert response.status_code == 200
    content = response.content.decode()
    assert user.password not in content
    assert user.password.split("$")[-1] not in content
    assert 'name="password"' not in content
    assert f"{CHANGELIST}{user.pk}/password/" in content


def test_the_add_form_creates_a_user_with_a_hashed_password(staff_client):
    response = staff_client.post(
        f"{CHANGELIST}add/",
        {
            "email": "Added@Example.com",
            "role": Role.CUSTOMER,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == 302
    user = User.objects.get(email="added@example.com")
    assert user.check_password(PASSWORD)


def test_the_add_form_refuses_mismatched_passwords(staff_client):
    response = staff_client.post(
        f"{CHANGELIST}add/",
        {
            "email": "x@example.com",
            "role": Role.CUSTOMER,
            "password1": PASSWORD,
            "password2": PASSWORD + "x",
        },
    )

    assert response.status_code == 200
    assert not User.objects.filter(email="x@example.com").exists()


def test_the_add_form_refuses_an_email_taken_in_another_case(staff_client):
    UserFactory(email="taken@example.com")

    response = staff_client.post(
        f"{CHANGELIST}add/",
        {
            "email": "TAKEN@example.com",
            "role": Role.CUSTOMER,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == 200
    assert User.objects.filter(email__iexact="taken@example.com").count() == 1


def test_promoting_a_user_to_admin_makes_them_staff(staff_client):
    user = UserFactory()

    response = staff_client.post(
        f"{CHANGELIST}{user.pk}/change/",
        {"email": user.email, "role": Role.ADMIN, "is_active": "on"},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.role, user.is_staff) == (Role.ADMIN, True)


def test_demoting_an_admin_takes_their_staff_access_away(staff_client):
    admin = AdminFactory()

    response = staff_client.post(
        f"{CHANGELIST}{admin.pk}/change/",
        {"email": admin.email, "role": Role.CUSTOMER, "is_active": "on"},
    )

    assert response.status_code == 302
    admin.refresh_from_db()
    assert (admin.role, admin.is_staff) == (Role.CUSTOMER, False)


def test_deactivating_a_user_ends_their_refreshes(staff_client, login):
    user = UserFactory()
    tokens = login(user.email)

    # An unticked checkbox is absent from the post: is_active becomes False.
    response = staff_client.post(
        f"{CHANGELIST}{user.pk}/change/", {"email": user.email, "role": Role.CUSTOMER}
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active is False
    assert APIClient().post("/auth/refresh", {"refresh": tokens["refresh"]}).status_code == 401


def test_the_change_form_has_the_role_and_active_flag_and_no_password_field(staff_client):
    user = UserFactory()

    response = staff_client.get(f"{CHANGELIST}{user.pk}/change/")

    form = response.context["adminform"].form
    assert {"email", "role", "is_active"} <= set(form.fields)
    assert "password" not in form.fields
    flat = [
        name for _, options in response.context["adminform"].fieldsets for name in options["fields"]
    ]
    assert "password" not in flat


@pytest.mark.parametrize("page", ["", "{pk}/change/", "{pk}/password/", "{pk}/history/"])
def test_no_admin_page_shows_a_password_hash(staff_client, page):
    user = UserFactory(email="hashed@example.com")

    response = staff_client.get(CHANGELIST + page.format(pk=user.pk))

    assert response.status_code == 200
    content = response.content.decode()
    algorithm, *_, digest = user.password.split("$")
    assert user.password not in content
    assert digest not in content
    assert f"{algorithm}$" not in content


def test_a_password_reset_by_staff_ends_the_users_sessions(staff_client, login):
    user = UserFactory()
    tokens = login(user.email)

    response = staff_client.post(
        f"{CHANGELIST}{user.pk}/password/",
        {
            "password1": "staff-chosen-passphrase-3",
            "password2": "staff-chosen-passphrase-3",
            "set_usable_password": "true",
        },
    )

    assert response.status_code == 302
    assert APIClient().post("/auth/refresh", {"refresh": tokens["refresh"]}).status_code == 401


def test_a_customer_cannot_get_into_the_admin():
    client = Client()
    client.force_login(UserFactory())

    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_staff_can_sign_in_with_email_and_password():
    AdminFactory(email="signin@example.com")
    client = Client()

    response = client.post(
        "/admin/users/login/",
        {"username": "SignIn@example.com", "password": PASSWORD, "next": CHANGELIST},
    )

    assert response.status_code == 302
    assert client.get(CHANGELIST).status_code == 200


def test_the_changelist_query_count_does_not_grow_with_users(
    staff_client, django_assert_max_num_queries
):
    UserFactory.create_batch(30)

    with django_assert_max_num_queries(8):
        response = staff_client.get(CHANGELIST)

    assert response.status_code == 200


def test_an_email_too_long_once_lower_cased_is_a_form_error_not_a_500(staff_client):
    user = UserFactory(email="kept@example.com")
    email = "a@" + ".".join(["\u0130" * 60] * 4)[:240] + ".com"

    response = staff_client.post(
        f"{CHANGELIST}{user.pk}/change/",
        {"email": email, "role": Role.CUSTOMER, "is_active": "on"},
    )

    assert response.status_code == 200
    assert "email" in response.context["adminform"].form.errors
    user.refresh_from_db()
    assert user.email == "kept@example.com"


def _admin_sign_in(client: Client, email: str, password: str):
    return client.post(
        "/admin/users/login/",
        {"username": email, "password": password, "next": CHANGELIST},
        REMOTE_ADDR="203.0.113.30",
    )


@override_settings(AUTH_LOGIN_FAILURES_PER_EMAIL_ADDRESS=3)
def test_admin_sign_in_is_throttled_like_the_api_login():
    AdminFactory(email="target@example.com")
    client = Client()
    for n in range(3):
        assert _admin_sign_in(client, "target@example.com", f"guess-{n}").status_code == 200

    # The right password no longer gets in while the email is throttled...
    response = _admin_sign_in(client, "Target@example.com", PASSWORD)

    assert response.status_code == 200
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert client.get(CHANGELIST).status_code == 302
    # ...and the API login from that address shares the same counters.
    api = APIClient().post(
        "/auth/login",
        {"email": "target@example.com", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.30",
    )
    assert api.status_code == 429


@override_settings(AUTH_LOGIN_FAILURES_PER_EMAIL_ADDRESS=3)
def test_guessing_at_an_admins_sign_in_from_one_address_never_locks_the_admin_out():
    AdminFactory(email="target@example.com")
    for n in range(10):
        _admin_sign_in(Client(), "target@example.com", f"guess-{n}")
    client = Client()

    response = client.post(
        "/admin/users/login/",
        {"username": "target@example.com", "password": PASSWORD, "next": CHANGELIST},
        REMOTE_ADDR="198.51.100.44",
    )

    assert response.status_code == 302
    assert client.get(CHANGELIST).status_code == 200


@override_settings(AUTH_LOGIN_FAILURES_PER_EMAIL_ADDRESS=3)
def test_a_successful_admin_sign_in_clears_the_emails_failures():
    AdminFactory(email="fumbler@example.com")
    client = Client()
    for n in range(2):
        _admin_sign_in(client, "fumbler@example.com", f"guess-{n}")

    assert _admin_sign_in(client, "fumbler@example.com", PASSWORD).status_code == 302

    statuses = [
        _admin_sign_in(Client(), "fumbler@example.com", "nope").status_code for _ in range(2)
    ]
    assert statuses == [200, 200]
    assert _admin_sign_in(Client(), "fumbler@example.com", PASSWORD).status_code == 302


@override_settings(AUTH_LOGIN_FAILURES_PER_EMAIL_ADDRESS=3)
def test_a_customers_right_password_counts_as_a_failed_admin_sign_in():
    UserFactory(email="shopper@example.com")
    for _ in range(3):
        _admin_sign_in(Client(), "shopper@example.com", PASSWORD)

    response = APIClient().post(
        "/auth/login",
        {"email": "shopper@example.com", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.30",
    )

    assert response.status_code == 429


def test_admin_sign_in_refuses_when_the_counters_are_unreachable(settings):
    AdminFactory(email="offline@example.com")
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/0"}
    }
    client = Client()

    response = _admin_sign_in(client, "offline@example.com", PASSWORD)

    assert response.status_code == 200
    assert "Sign-in is unavailable right now" in response.content.decode()
