import pytest
from django.test import override_settings

from users import login_throttle
from users.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

URL = "/auth/login"


def _fail(client, email: str, address: str = "203.0.113.7"):
    return client.post(URL, {"email": email, "password": "wrong-password"}, REMOTE_ADDR=address)


@override_settings(AUTH_LOGIN_FAILURES_PER_EMAIL_ADDRESS=3)
def test_failures_for_one_email_hit_429_with_retry_after(api_client, user):
    statuses = [_fail(api_client, user.email).status_code for _ in range(3)]

    response = _fail(api_client, user.email)

    assert statuses == [401, 401, 401]
    assert response.status_code == 429
    assert "detail" in response.json()
    assert 0 < int(response["Retry-After"]) <= 300


@override_settings(AUTH_LOGIN_FAILURES_PER_EMAIL_ADDRESS=3)
def test_a_throttled_email_is_refused_from_that_address_even_with_the_right_password(
    api_client, user
):
    for _ in range(3):
        _fail(api_client, user.email)

    response = api_client.post(
        URL, {"email": user.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.7"
    )

    assert response.status_code == 429


@override_settings(AUTH_LOGIN_FAILURES_PER_EMAIL_ADDRESS=3)
def test_the_email_limit_counts_every_letter_case_as_one_email(api_client, user):
    for email in [user.email.upper(), user.email, user.email.title()]:
        _fail(api_client, email)

    assert _fail(api_client, user.email).status_code == 429


@override_settings(AUTH_LOGIN_FAILURES_PER_EMAIL_ADDRESS=3)
def test_an_attacker_hammering_an_account_from_one_address_never_locks_its_owner_out(
    api_client, user
):
    statuses = [_fail(api_client, user.email, "203.0.113.66").status_code for _ in range(20)]

    owner = api_client.post(
        URL, {"email": user.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.20"
    )

    assert statuses == [401] * 3 + [429] * 17
    assert owner.status_code == 200
    # The attacker's address stays throttled for that account.
    assert _fail(api_client, user.email, "203.0.113.66").status_code == 429


@override_settings(AUTH_LOGIN_FAILURES_PER_EMAIL_ADDRESS=3)
def test_the_owner_keeps_their_own_allowance_of_mistakes_while_the_account_is_attacked(
    api_client, user
):
    for _ in range(10):
        _fail(api_client, user.email, "203.0.113.66")

    mistakes = [_fail(api_client, user.email, "198.51.100.20").status_code for _ in range(2)]
    owner = api_client.post(
        URL, {"email": user.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.20"
    )

    assert mistakes == [401, 401]
    assert owner.status_code == 200


@override_settings(AUTH_LOGIN_FAILURES_PER_EMAIL_ADDRESS=3)
def test_an_ipv6_client_counts_per_64_block(api_client, user):
    for host in ["2001:db8:0:7::1", "2001:db8:0:7::2", "2001:db8:0:7:ffff::3"]:
        _fail(api_client, user.email, host)

    same_block = _fail(api_client, user.email, "2001:db8:0:7::99")
    other_block = _fail(api_client, user.email, "2001:db8:0:8::1")

    assert same_block.status_code == 429
    assert other_block.status_code == 401


@override_settings(AUTH_LOGIN_FAILURES_PER_EMAIL_ADDRESS=3)
def test_other_emails_are_not_affected_by_one_throttled_email(api_client, user):
    other = UserFactory()
    for _ in range(3):
        _fail(api_client, user.email)

    response = api_client.post(URL, {"email": other.email, "password": PASSWORD})

    assert _fail(api_client, user.email).status_code == 429
    assert response.status_code == 200


@override_settings(AUTH_LOGIN_FAILURES_PER_ADDRESS=5)
def test_failures_from_one_address_hit_429_across_emails(api_client, user):
    for n in range(5):
        assert _fail(api_client, f"guess{n}@example.com").status_code == 401

    response = api_client.post(
        URL, {"email": user.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.7"
    )

    assert response.status_code == 429
    assert "Retry-After" in response


@override_settings(AUTH_LOGIN_FAILURES_PER_ADDRESS=5)
def test_other_addresses_are_not_affected_by_one_throttled_address(api_client, user):
    for n in range(5):
        _fail(api_client, f"guess{n}@example.com")

    response = api_client.post(
        URL, {"email": user.email, "password": PASSWORD}, REMOTE_ADDR="192.0.2.50"
    )

    assert _fail(api_client, "guess-more@example.com").status_code == 429
    assert response.status_code == 200


def test_successful_logins_from_one_address_are_never_throttled(api_client, user):
    for _ in range(150):
        response = api_client.post(
            URL, {"email": user.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.9"
        )
        assert response.status_code == 200


@override_settings(AUTH_LOGIN_FAILURES_PER_EMAIL_ADDRESS=3)
def test_a_success_clears_the_failures_of_that_email_from_that_address(api_client, user):
    for _ in range(2):
        _fail(api_client, user.email)
    api_client.post(URL, {"email": user.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.7")

    statuses = [_fail(api_client, user.email).status_code for _ in range(3)]

    assert statuses == [401, 401, 401]


@override_settings(AUTH_LOGIN_FAILURES_PER_EMAIL_ADDRESS=3)
def test_the_owners_success_elsewhere_does_not_reset_the_attackers_count(api_client, user):
    for _ in range(3):
        _fail(api_client, user.email, "203.0.113.66")

    api_client.post(URL, {"email": user.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.20")

    assert _fail(api_client, user.email, "203.0.113.66").status_code == 429


@override_settings(AUTH_LOGIN_FAILURES_PER_EMAIL_ADDRESS=2, AUTH_LOGIN_FAILURE_WINDOW_SECONDS=60)
def test_the_window_is_the_configured_one(api_client, user):
    for _ in range(2):
        _fail(api_client, user.email)

    response = _fail(api_client, user.email)

    assert 0 < int(response["Retry-After"]) <= 60


@override_settings(AUTH_LOGIN_FAILURES_PER_EMAIL_ADDRESS=3)
def test_a_throttled_attempt_does_not_check_the_password(api_client, user, monkeypatch):
    for _ in range(3):
        _fail(api_client, user.email)

    def _must_not_run(*args, **kwargs):
        raise AssertionError("the password was checked")

    monkeypatch.setattr("users.services.authenticate", _must_not_run)

    assert _fail(api_client, user.email).status_code == 429


@override_settings(AUTH_TRUSTED_PROXY_COUNT=0)
def test_with_no_trusted_proxy_the_client_address_is_remote_addr(rf):
    request = rf.post(URL, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")

    assert login_throttle.client_address_get(request=request) == "10.0.0.1"


def test_by_default_exactly_one_proxy_hop_is_trusted(rf):
    request = rf.post(URL, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.9")

    assert login_throttle.client_address_get(request=request) == "198.51.100.9"


def test_without_x_forwarded_for_the_client_address_is_remote_addr(rf):
    request = rf.post(URL, REMOTE_ADDR="10.0.0.1")

    assert login_throttle.client_address_get(request=request) == "10.0.0.1"


@override_settings(AUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_the_address_it_appended_is_used(rf):
    request = rf.post(URL, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.20")

    assert login_throttle.client_address_get(request=request) == "198.51.100.20"


@override_settings(AUTH_TRUSTED_PROXY_COUNT=1)
def test_a_malformed_forwarded_address_falls_back_to_remote_addr(rf):
    request = rf.post(URL, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="not-an-ip")

    assert login_throttle.client_address_get(request=request) == "10.0.0.1"


@override_settings(AUTH_LOGIN_FAILURES_PER_EMAIL_ADDRESS=3)
def test_failure_counters_do_not_store_the_email_in_clear(api_client, user):
    from django_redis import get_redis_connection

    _fail(api_client, user.email)

    keys = [key.decode() for key in get_redis_connection("default").keys("*login-failures*")]
    assert keys
    assert not any(user.email in key for key in keys)


def test_login_is_503_when_redis_is_unreachable(api_client, user, settings):
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    response = api_client.post(URL, {"email": user.email, "password": PASSWORD})

    assert response.status_code == 503
    assert "detail" in response.json()
    assert not user.outstandingtoken_set.exists()
