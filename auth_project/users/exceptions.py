"""What can go wrong in the users app, and what the client is told.

Each exception is also the DRF exception of its HTTP status, so a service can
raise it and the view needs no mapping; `detail` is the message users see.
"""

from rest_framework import exceptions

from shop_common.errors import Conflict


class UsersError(Exception):
    """Base of every users-app error."""


class EmailAlreadyRegistered(UsersError, Conflict):
    """409: the email is taken, in any letter case."""

    default_detail = "A user with this email already exists."
    default_code = "email_taken"


class InvalidCredentials(UsersError, exceptions.AuthenticationFailed):
    """401: wrong email or password, or an inactive account. One message for
    all three, so the answer does not tell which emails exist."""

    default_detail = "No active account found with the given credentials."
    default_code = "invalid_credentials"


class LoginThrottled(UsersError, exceptions.Throttled):
    """429: too many failed logins for this email or from this address;
    `wait` becomes the Retry-After header."""

    default_detail = "Too many failed login attempts. Try again later."
    default_code = "login_throttled"


class RefreshTokenInvalid(UsersError, exceptions.AuthenticationFailed):
    """401: the refresh token is malformed, expired, already used, blacklisted,
    or its user is gone or inactive."""

    default_detail = "The refresh token is invalid, expired or already used."
    default_code = "refresh_token_invalid"
