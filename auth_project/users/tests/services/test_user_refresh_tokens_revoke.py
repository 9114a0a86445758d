import pytest
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken

from users import services
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_revoking_blacklists_every_outstanding_token_of_the_user_once():
    user = UserFactory()
    for _ in range(3):
        services.token_pair_issue(user=user)
    services.token_revoke(refresh=services.token_pair_issue(user=user).refresh)

    newly = services.user_refresh_tokens_revoke(user=user)

    assert newly == 3
    assert BlacklistedToken.objects.filter(token__user=user).count() == 4


def test_revoking_leaves_other_users_tokens_alone():
    user, other = UserFactory(), UserFactory()
    services.token_pair_issue(user=other)

    services.user_refresh_tokens_revoke(user=user)

    assert not BlacklistedToken.objects.filter(token__user=other).exists()


def test_revoking_takes_a_constant_number_of_queries(django_assert_num_queries):
    user = UserFactory()
    for _ in range(5):
        services.token_pair_issue(user=user)

    with django_assert_num_queries(2):
        services.user_refresh_tokens_revoke(user=user)
