"""The tokens the auth service mints (DESIGN.md §4)."""

from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.utils import datetime_from_epoch

from users.models import User

EMAIL_CLAIM = "email"
ROLE_CLAIM = "role"


class ShopRefreshToken(RefreshToken):
    """A refresh token carrying `sub`, `email` and `role`.

    SimpleJWT copies a refresh token's claims into the access tokens made from
    it, so every access token, also after rotation, carries them too."""

    def user_claims_set(self, *, user: User) -> None:
        """Writes the user's current identity into the claims."""
        self[api_settings.USER_ID_CLAIM] = str(user.id)
        self[EMAIL_CLAIM] = user.email
        self[ROLE_CLAIM] = user.role

    @classmethod
    def for_user(cls, user: User) -> "ShopRefreshToken":
        """Returns a new refresh token for `user`, recorded as outstanding so a
        password change can blacklist it later."""
        token = cls()
        token.user_claims_set(user=user)
        # The claims must be set before the token is stored, which SimpleJWT's
        # own for_user does first; hence the record is written here.
        OutstandingToken.objects.create(
            user=user,
            jti=token[api_settings.JTI_CLAIM],
            token=str(token),
            created_at=token.current_time,
            expires_at=datetime_from_epoch(token["exp"]),
        )
        return token
