"""Writes of the users app: registration, login, tokens, passwords, admin seeding."""

import logging
from dataclasses import dataclass

from django.contrib.auth import authenticate, password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from rest_framework import exceptions
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from users import login_throttle
from users.exceptions import (
    EmailAlreadyRegistered,
    InvalidCredentials,
    LoginThrottled,
    RefreshTokenInvalid,
)
from users.models import Role, User, email_normalize
from users.selectors import user_email_taken
from users.tokens import ShopRefreshToken

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TokenPair:
    access: str
    refresh: str

    @property
    def expires_in(self) -> int:
        """Seconds the access token lives."""
        return int(api_settings.ACCESS_TOKEN_LIFETIME.total_seconds())


def _password_validate(*, password: str, user: User, field: str) -> None:
    try:
        password_validation.validate_password(password, user=user)
    except DjangoValidationError as exc:
        raise exceptions.ValidationError({field: list(exc.messages)}) from exc


def user_register(*, email: str, password: str) -> User:
    """Returns a new customer. Raises `EmailAlreadyRegistered` (409) when the
    email is taken in any letter case, and a field-keyed ValidationError (400)
    for a weak password."""
    email = email_normalize(email)
    user = User(email=email, role=Role.CUSTOMER)
    _password_validate(password=password, user=user, field="password")
    if user_email_taken(email=email):
        raise EmailAlreadyRegistered()
    user.set_password(password)
    try:
        # Two registrations racing past the check above meet the unique index.
        with transaction.atomic():
            user.save(force_insert=True)
    except IntegrityError as exc:
        raise EmailAlreadyRegistered() from exc
    logger.info("user registered: %s", user.id)
    return user


def token_pair_issue(*, user: User) -> TokenPair:
    """Returns a fresh access and refresh token for `user`."""
    refresh = ShopRefreshToken.for_user(user)
    return TokenPair(access=str(refresh.access_token), refresh=str(refresh))


def user_login(*, email: str, password: str, request: HttpRequest | None = None) -> TokenPair:
    """Returns tokens for valid credentials of an active user.

    Raises `LoginThrottled` (429) while this email from this client address,
    or the address, has too many recent failures, without checking the
    password, and `InvalidCredentials` (401) otherwise, counting the failure."""
    email = email_normalize(email)
    address = login_throttle.client_address_get(request=request) if request else ""
    wait = login_throttle.login_throttle_wait(email=email, address=address)
    if wait is not None:
        logger.warning("login throttled for address %s", address)
        raise LoginThrottled(wait=wait)
    # ModelBackend also refuses inactive users, and hashes even for unknown
    # emails so response times do not reveal which exist.
    user = authenticate(request, email=email, password=password)
    if user is None:
        login_throttle.login_failure_record(email=email, address=address)
        raise InvalidCredentials()
    login_throttle.login_failures_forget(email=email, address=address)
    return token_pair_issue(user=user)


def token_refresh(*, refresh: str) -> TokenPair:
    """Returns a new access and refresh token for a valid refresh token and
    blacklists the one given (rotation). Raises `RefreshTokenInvalid` (401)
    for a malformed, expired, used or blacklisted token, or when its user is
    gone or inactive."""
    try:
        token = ShopRefreshToken(refresh)
    except TokenError as exc:
        raise RefreshTokenInvalid() from exc
    with transaction.atomic():
        # Locking the user serialises this with other refreshes of the same
        # token and with a password change, so a token is used at most once
        # and none outlives the blacklisting of a password change.
        user = (
            User.objects.select_for_update()
            .filter(id=token.get(api_settings.USER_ID_CLAIM))
            .first()
        )
        if user is None or not user.is_active:
            raise RefreshTokenInvalid()
        try:
            token.check_blacklist()
        except TokenError as exc:
            raise RefreshTokenInvalid() from exc
        token.blacklist()
        # The new pair reflects the user as stored now (email or role may have changed).
        return token_pair_issue(user=user)


def token_revoke(*, refresh: str) -> None:
    """Blacklists a refresh token (logout). Raises `RefreshTokenInvalid` (401)
    when it is malformed, expired or already blacklisted."""
    try:
        token = ShopRefreshToken(refresh)
    except TokenError as exc:
        raise RefreshTokenInvalid() from exc
    token.blacklist()


def user_refresh_tokens_revoke(*, user: User) -> int:
    """Blacklists every outstanding refresh token of `user`; returns how many
    were newly blacklisted."""
    outstanding = OutstandingToken.objects.filter(user=user, blacklistedtoken__isnull=True)
    created = BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=token) for token in outstanding.only("id")],
        ignore_conflicts=True,
    )
    return len(created)


def user_password_change(
    *,
    user: User,
    old_password: str,
    new_password: str,
    request: HttpRequest | None = None,
) -> None:
    """Sets a new password and ends every refresh token of the user.

    Raises a field-keyed ValidationError (400) for a wrong old password or a
    weak new one, and changes nothing then. A wrong old password counts as a
    failed login of the user's email from the client's address, and
    `LoginThrottled` (429) is raised while that pair or the address is
    throttled: otherwise a stolen access token would allow unlimited guesses
    at the password."""
    address = login_throttle.client_address_get(request=request) if request else ""
    wait = login_throttle.login_throttle_wait(email=user.email, address=address)
    if wait is not None:
        raise LoginThrottled(wait=wait)
    if not user.check_password(old_password):
        login_throttle.login_failure_record(email=user.email, address=address)
        raise exceptions.ValidationError({"old_password": ["The current password is wrong."]})
    _password_validate(password=new_password, user=user, field="new_password")
    with transaction.atomic():
        # The lock waits for refreshes in flight, so none issues a token after this.
        User.objects.select_for_update().filter(id=user.id).exists()
        user.set_password(new_password)
        user.save(update_fields=["password"])
        user_refresh_tokens_revoke(user=user)
    # As after a successful login: the right password clears the email's
    # failures from this address.
    login_throttle.login_failures_forget(email=user.email, address=address)
    logger.info("password changed: %s", user.id)


@dataclass(frozen=True)
class AdminSeedResult:
    user: User
    created: bool
    # True when the password was set (a new admin, or reset_password).
    password_changed: bool


def user_admin_seed(*, email: str, password: str, reset_password: bool = False) -> AdminSeedResult:
    """Creates the admin with this email and password when no user has that
    email. An existing user is left exactly as it is (password, role, active
    flag: an admin may have changed their password, staff may have demoted or
    deactivated them), unless `reset_password`: then it becomes an active
    admin with this password and its refresh tokens are revoked."""
    email = email_normalize(email)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email=email).first()
        created = user is None
        if not created and not reset_password:
            return AdminSeedResult(user=user, created=False, password_changed=False)
        if created:
            user = User(email=email)
        user.role = Role.ADMIN
        user.is_staff = user.is_superuser = user.is_active = True
        _password_validate(password=password, user=user, field="password")
        user.set_password(password)
        user.full_clean()
        user.save()
        if not created:
            user_refresh_tokens_revoke(user=user)
    return AdminSeedResult(user=user, created=created, password_changed=True)
