"""Staff access to every service's Django admin: single sign-on with the
gateway's token, staff rights that follow the auth service, and sessions
that end after a fixed time.

`StaffAccessMiddleware` runs on requests under `settings.ADMIN_URL_PREFIX`
(set by shop_common.settings.admin_scoped, which also puts the middleware in
the admin services' MIDDLEWARE):

- Single sign-on: an `Authorization: Bearer` access token of role `admin`
  (sent by the gateway for a staff member signed in there) signs that person
  in, after their rights are checked with auth, unless the session already
  belongs to them. A customer's, invalid or expired token is ignored: the
  request goes on anonymous and meets the admin's own login page.
- Every signed-in session records the auth service's id of the person, when
  they signed in and when their rights were last checked (`user_logged_in`
  receiver, for both the token and the login form).
- Rights are re-checked once `ADMIN_STAFF_RECHECK_SECONDS` have passed since
  the last check; role no longer admin, inactive or unknown ends the session.
  Auth unreachable at that moment refuses the request with a 503 page and
  keeps the session, so it works again when auth is back (fail closed).
- A session ends `ADMIN_SESSION_MAX_SECONDS` after its sign-in, however busy.

Where the rights come from: the auth service's `GET /internal/users/<id>`
with a service credential, or, in the auth service itself
(`ADMIN_STAFF_RIGHTS_LOCAL`), its own user table. See docs/security.md.
"""

import logging
import time
import uuid
from dataclasses import dataclass
from enum import Enum

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import AccessToken

from shop_common import roles
from shop_common.admin_login import AUTH_USER_ID_ATTRIBUTE, staff_user_get_or_create
from shop_common.errors import ServiceUnavailable
from shop_common.http_client import ServiceClient

logger = logging.getLogger(__name__)

auth_service = ServiceClient("auth")

# What a signed-in admin session remembers (seconds since the epoch).
SESSION_AUTH_USER_ID = "_staff_auth_user_id"
SESSION_SIGNED_IN_AT = "_staff_signed_in_at"
SESSION_RIGHTS_CHECKED_AT = "_staff_rights_checked_at"

DEFAULT_RECHECK_SECONDS = 5 * 60
DEFAULT_SESSION_MAX_SECONDS = 8 * 3600
# Seconds the 503 page asks a client to wait before trying again.
UNAVAILABLE_RETRY_AFTER_SECONDS = 30

ACCESS_ENDED_MESSAGE = "Your staff access has ended."
SESSION_ENDED_MESSAGE = "Your staff session has ended. Please sign in again."


@dataclass(frozen=True)
class StaffRecord:
    """A person as the auth service stores them now."""

    id: str
    email: str
    role: str
    is_active: bool

    @property
    def is_staff_member(self) -> bool:
        return self.role == roles.ADMIN and self.is_active


def _auth_user_id_parse(value) -> str | None:
    """Returns the canonical text of a UUID, or None for anything else."""
    try:
        return str(uuid.UUID(str(value)))
    except (TypeError, ValueError, AttributeError):
        return None


def _staff_record_remote(*, auth_user_id: str) -> StaffRecord | None:
    response = auth_service.get(f"/internal/users/{auth_user_id}", as_service=True)
    if response.status_code == 404:
        return None
    if response.status_code != 200:
        # 401/403 mean this service may not ask: a deployment fault, not an answer.
        logger.error("staff rights check refused by auth: %s", response.status_code)
        raise ServiceUnavailable("The auth service refused the staff rights check.")
    body = auth_service.json_of(response)
    try:
        record_id, email, role, is_active = (
            body[key] for key in ("id", "email", "role", "is_active")
        )
    except (KeyError, TypeError) as exc:
        raise ServiceUnavailable("The auth service answered badly.") from exc
    if _auth_user_id_parse(record_id) != auth_user_id or not isinstance(is_active, bool):
        raise ServiceUnavailable("The auth service answered badly.")
    return StaffRecord(id=auth_user_id, email=str(email), role=str(role), is_active=is_active)


def _staff_record_local(*, auth_user_id: str) -> StaffRecord | None:
    user = get_user_model().objects.filter(pk=auth_user_id).first()
    if user is None:
        return None
    return StaffRecord(
        id=auth_user_id,
        email=user.email,
        role=str(getattr(user, "role", "")),
        is_active=user.is_active,
    )


def staff_record_get(*, auth_user_id: str) -> StaffRecord | None:
    """Returns the person's record as the auth service stores it now, or None
    when there is no such person. Raises `ServiceUnavailable` when auth cannot
    answer."""
    auth_user_id = _auth_user_id_parse(auth_user_id)
    if auth_user_id is None:
        return None
    if getattr(settings, "ADMIN_STAFF_RIGHTS_LOCAL", False):
        return _staff_record_local(auth_user_id=auth_user_id)
    return _staff_record_remote(auth_user_id=auth_user_id)


def _staff_user_of(record: StaffRecord):
    """Returns the local user to sign the person in as, or None."""
    if getattr(settings, "ADMIN_STAFF_RIGHTS_LOCAL", False):
        # In auth the local user is the person.
        return get_user_model().objects.filter(pk=record.id).first()
    return staff_user_get_or_create(email=record.email)


def admin_token_auth_user_id(request: HttpRequest) -> str | None:
    """Returns the auth user id named by a valid `Authorization: Bearer`
    access token of role admin, else None (no token, another scheme, a
    customer's, a forged, expired or malformed one)."""
    scheme, _, raw = request.headers.get("Authorization", "").partition(" ")
    raw = raw.strip()
    if scheme != "Bearer" or not raw:
        return None
    try:
        token = AccessToken(raw)
    except TokenError:
        return None
    if token.get("role") != roles.ADMIN:
        return None
    return _auth_user_id_parse(token.get("sub"))


def staff_session_start(sender, request, user, **kwargs) -> None:
    """`user_logged_in` receiver: records who signed in and when, whichever
    way they did (the gateway's token or an area's login form)."""
    if not getattr(settings, "ADMIN_URL_PREFIX", None) or not hasattr(request, "session"):
        return
    if getattr(settings, "ADMIN_STAFF_RIGHTS_LOCAL", False):
        auth_user_id = _auth_user_id_parse(user.pk)
    else:
        auth_user_id = _auth_user_id_parse(getattr(user, AUTH_USER_ID_ATTRIBUTE, None))
    now = time.time()
    request.session[SESSION_AUTH_USER_ID] = auth_user_id
    request.session[SESSION_SIGNED_IN_AT] = now
    # Signing in checked the rights: auth's /auth/login, or staff_record_get.
    request.session[SESSION_RIGHTS_CHECKED_AT] = now


def _seconds(name: str, default: int) -> float:
    return float(getattr(settings, name, default))


def _age(value, *, now: float) -> float | None:
    """Seconds since a recorded time; None when missing, malformed or ahead
    of the clock (no session may claim a future check)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    age = now - value
    return age if age >= 0 else None


class Review(Enum):
    VALID = "valid"
    EXPIRED = "expired"
    REFUSED = "refused"


def staff_rights_unavailable(request: HttpRequest) -> HttpResponse:
    """The 503 page shown when the staff rights cannot be checked."""
    # Imported here: services without an admin (cart, gateway) load this
    # module for its sign-in receiver and do not install django.contrib.admin.
    from django.contrib import admin

    context = {
        **admin.site.each_context(request),
        "title": "Staff rights could not be checked",
        "is_nav_sidebar_enabled": False,
    }
    response = render(request, "shop_common/staff_rights_unavailable.html", context, status=503)
    response["Retry-After"] = str(UNAVAILABLE_RETRY_AFTER_SECONDS)
    return response


class StaffAccessMiddleware:
    """See the module's docstring. Goes after AuthenticationMiddleware and
    MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(settings.ADMIN_URL_PREFIX):
            return self.get_response(request)
        if request.path == reverse("admin:logout"):
            # Ending a session needs no rights, and works while auth is down.
            return self.get_response(request)
        token_user_id = admin_token_auth_user_id(request)
        signed_in_as = request.session.get(SESSION_AUTH_USER_ID)
        review = Review.VALID
        try:
            if request.user.is_authenticated:
                review = self._session_review(request)
            # The token signs its person in unless the session is theirs, or
            # auth has just said they are no longer staff.
            token_signs_in = token_user_id is not None and not (
                signed_in_as == token_user_id
                and (request.user.is_authenticated or review is Review.REFUSED)
            )
            if token_signs_in and self._token_sign_in(request, auth_user_id=token_user_id):
                review = Review.VALID
        except ServiceUnavailable:
            return staff_rights_unavailable(request)
        if review is Review.REFUSED:
            messages.warning(request, ACCESS_ENDED_MESSAGE)
        elif review is Review.EXPIRED:
            messages.warning(request, SESSION_ENDED_MESSAGE)
        # A session that ended goes on anonymous: the admin answers with its
        # login page (a redirect to it), so the request itself is refused.
        return self.get_response(request)

    def _session_review(self, request: HttpRequest) -> Review:
        """Ends a session that is too old or whose person is no longer staff;
        re-checks the rights when the last check is older than the window.
        Raises `ServiceUnavailable` when the rights cannot be checked."""
        session = request.session
        now = time.time()
        signed_in_age = _age(session.get(SESSION_SIGNED_IN_AT), now=now)
        if signed_in_age is None or signed_in_age >= _seconds(
            "ADMIN_SESSION_MAX_SECONDS", DEFAULT_SESSION_MAX_SECONDS
        ):
            auth_user_id = session.get(SESSION_AUTH_USER_ID)
            logout(request)
            logger.info("admin session ended after its maximum age: %s", auth_user_id)
            return Review.EXPIRED
        checked_age = _age(session.get(SESSION_RIGHTS_CHECKED_AT), now=now)
        if checked_age is not None and checked_age < _seconds(
            "ADMIN_STAFF_RECHECK_SECONDS", DEFAULT_RECHECK_SECONDS
        ):
            return Review.VALID
        auth_user_id = session.get(SESSION_AUTH_USER_ID)
        record = staff_record_get(auth_user_id=auth_user_id) if auth_user_id else None
        if record is None or not record.is_staff_member:
            logout(request)
            logger.warning("admin session ended: staff rights withdrawn for %s", auth_user_id)
            return Review.REFUSED
        session[SESSION_RIGHTS_CHECKED_AT] = now
        return Review.VALID

    def _token_sign_in(self, request: HttpRequest, *, auth_user_id: str) -> bool:
        """Signs in the staff member the gateway's token names once auth
        confirms their rights; returns whether it did. Raises
        `ServiceUnavailable` when the rights cannot be checked."""
        record = staff_record_get(auth_user_id=auth_user_id)
        if record is None or not record.is_staff_member:
            logger.info("admin token sign-in refused: %s is not staff", auth_user_id)
            return False
        user = _staff_user_of(record)
        if user is None:
            return False
        setattr(user, AUTH_USER_ID_ATTRIBUTE, record.id)
        login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
        logger.info("admin signed in with the gateway's token: %s", record.id)
        return True
