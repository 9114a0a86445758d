"""Races against the real database: each thread has its own connection."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection

from users import services
from users.exceptions import EmailAlreadyRegistered, RefreshTokenInvalid
from users.models import User
from users.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 4


def _race(function) -> list:
    barrier = Barrier(THREADS)

    def _run(_):
        barrier.wait()
        try:
            return function()
        except Exception as exc:  # the outcome under test
            return exc
        finally:
            connection.close()

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(_run, range(THREADS)))


def test_a_refresh_token_spent_concurrently_works_exactly_once():
    user = UserFactory()
    refresh = services.token_pair_issue(user=user).refresh

    outcomes = _race(lambda: services.token_refresh(refresh=refresh))

    assert sum(isinstance(o, services.TokenPair) for o in outcomes) == 1
    assert sum(isinstance(o, RefreshTokenInvalid) for o in outcomes) == THREADS - 1


def test_concurrent_registrations_of_one_email_create_one_user():
    outcomes = _race(lambda: services.user_register(email="race@example.com", password=PASSWORD))

    assert sum(isinstance(o, User) for o in outcomes) == 1
    assert sum(isinstance(o, EmailAlreadyRegistered) for o in outcomes) == THREADS - 1
    assert User.objects.filter(email="race@example.com").count() == 1
