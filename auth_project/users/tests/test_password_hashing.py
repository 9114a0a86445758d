"""Password hashing with the production hashers: Argon2id first, PBKDF2 still
verified and upgraded at the next successful sign-in. Every other test keeps
the fast test hasher; these put the production list back."""

import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import argon2
import pytest
from django.contrib.auth.hashers import (
    Argon2PasswordHasher,
    get_hasher,
    identify_hasher,
    make_password,
)
from django.test import Client
from rest_framework.test import APIClient

from users import hashers, services
from users.models import User
from users.tests.factories import PASSWORD, AdminFactory, UserFactory

pytestmark = pytest.mark.django_db

# OWASP's Password Storage Cheat Sheet: Argon2id minimums of equal strength,
# (memory KiB, passes) with one lane.
OWASP_ARGON2ID_MINIMUMS = [(47104, 1), (19456, 2), (12288, 3), (9216, 4), (7168, 5)]
# Django's own Argon2 defaults, as a hash stored by them would carry.
DJANGO_DEFAULT_ARGON2 = argon2.PasswordHasher(time_cost=2, memory_cost=102400, parallelism=8)


@pytest.fixture(autouse=True)
def production_hashers(settings):
    settings.PASSWORD_HASHERS = settings.PRODUCTION_PASSWORD_HASHERS


def _stored_hash(user: User) -> str:
    user.refresh_from_db(fields=["password"])
    return user.password


def _user_with_hash(encoded: str, factory=UserFactory) -> User:
    user = factory()
    User.objects.filter(pk=user.pk).update(password=encoded)
    return user


def _api_login(email: str, password: str = PASSWORD):
    return APIClient().post("/auth/login", {"email": email, "password": password}, format="json")


def test_argon2id_hashes_first_and_pbkdf2_is_kept_second(settings):
    assert settings.PASSWORD_HASHERS == [
        "users.hashers.Argon2idPasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


def test_the_argon2id_parameters_are_at_least_owasps_minimum():
    params = get_hasher("default").params()

    assert params.type is argon2.Type.ID
    assert params.parallelism == 1
    assert any(
        params.memory_cost >= memory and params.time_cost >= passes
        for memory, passes in OWASP_ARGON2ID_MINIMUMS
    )


def test_a_registered_password_is_stored_as_argon2id_with_these_parameters():
    response = APIClient().post(
        "/auth/register", {"email": "new@example.com", "password": PASSWORD}, format="json"
    )

    assert response.status_code == 201
    stored = User.objects.get(email="new@example.com").password
    assert stored.startswith("argon2$argon2id$v=19$m=12288,t=3,p=1$")
    assert _api_login("new@example.com").status_code == 200


def test_a_pbkdf2_user_logs_in_and_their_hash_is_argon2id_afterwards():
    user = _user_with_hash(make_password(PASSWORD, hasher="pbkdf2_sha256"))

    response = _api_login(user.email)

    assert response.status_code == 200
    stored = _stored_hash(user)
    assert identify_hasher(stored).algorithm == "argon2"
    assert stored.startswith("argon2$argon2id$v=19$m=12288,t=3,p=1$")
    # The new hash verifies the same password, and only it.
    assert _api_login(user.email).status_code == 200
    assert _api_login(user.email, "a-wrong-password").status_code == 401


def test_a_wrong_password_leaves_the_pbkdf2_hash_as_it_was():
    encoded = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user = _user_with_hash(encoded)

    response = _api_login(user.email, "a-wrong-password")

    assert response.status_code == 401
    assert _stored_hash(user) == encoded


def test_an_argon2_hash_with_other_owasp_parameters_is_rehashed_at_login():
    other = argon2.PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
    user = _user_with_hash("argon2" + other.hash(PASSWORD))

    assert _api_login(user.email).status_code == 200

    assert _stored_hash(user).startswith("argon2$argon2id$v=19$m=12288,t=3,p=1$")


def test_an_argon2_hash_with_djangos_heavier_defaults_is_rehashed_at_login():
    encoded = "argon2" + DJANGO_DEFAULT_ARGON2.hash(PASSWORD)
    assert "$m=102400,t=2,p=8$" in encoded
    user = _user_with_hash(encoded)

    assert _api_login(user.email).status_code == 200

    assert _stored_hash(user).startswith("argon2$argon2id$v=19$m=12288,t=3,p=1$")


def test_the_upgrade_at_login_is_not_a_password_change_and_keeps_sessions():
    user = _user_with_hash(make_password(PASSWORD, hasher="pbkdf2_sha256"))
    earlier = services.token_pair_issue(user=user)

    assert _api_login(user.email).status_code == 200

    response = APIClient().post("/auth/refresh", {"refresh": earlier.refresh}, format="json")
    assert response.status_code == 200


def test_the_admin_sign_in_upgrades_a_pbkdf2_hash_too():
    admin = _user_with_hash(make_password(PASSWORD, hasher="pbkdf2_sha256"), factory=AdminFactory)

    response = Client().post(
        "/admin/users/login/",
        {"username": admin.email, "password": PASSWORD, "next": "/admin/users/"},
    )

    assert response.status_code == 302
    assert _stored_hash(admin).startswith("argon2$argon2id$")


def test_an_unknown_email_still_costs_an_argon2id_hash(monkeypatch):
    # ModelBackend hashes for unknown users too, so timing does not tell
    # which emails exist; that hash must be the production one.
    hasher = get_hasher("default")
    calls = []
    original = type(hasher).encode

    def counting_encode(self, password, salt):
        calls.append(self.algorithm)
        return original(self, password, salt)

    monkeypatch.setattr(type(hasher), "encode", counting_encode)

    assert _api_login("nobody@example.com").status_code == 401
    assert calls == ["argon2"]


def test_hashes_run_on_a_few_low_priority_threads_at_most_the_configured_number_at_once(
    settings, monkeypatch
):
    settings.AUTH_PASSWORD_HASH_CONCURRENCY = 2
    hashers._hashing_threads.cache_clear()
    running = []
    most = []
    names = set()
    niceness = set()
    lock = threading.Lock()

    def slow_verify(self, password, encoded):
        with lock:
            running.append(1)
            most.append(len(running))
            names.add(threading.current_thread().name)
            niceness.add(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        time.sleep(0.05)
        with lock:
            running.pop()
        return True

    monkeypatch.setattr(Argon2PasswordHasher, "verify", slow_verify)
    hasher = get_hasher("default")
    try:
        with ThreadPoolExecutor(8) as pool:
            outcomes = list(pool.map(lambda _: hasher.verify(PASSWORD, "argon2$x"), range(8)))
    finally:
        hashers._hashing_threads().shutdown()
        hashers._hashing_threads.cache_clear()

    assert outcomes == [True] * 8
    assert max(most) == 2
    # The hashing threads, not the request threads, hold the hash's memory.
    assert len(names) == 2
    assert all(name.startswith("argon2id") for name in names)
    if sys.platform.startswith("linux"):
        # Below the request threads, which keep the default niceness.
        worker = os.getpriority(os.PRIO_PROCESS, 0)
        assert niceness == {min(worker + hashers.HASHING_NICENESS, hashers.NICEST)}
