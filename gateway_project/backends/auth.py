"""The auth service: accounts and tokens."""

from backends.client import GatewayClient

_auth = GatewayClient("auth")


def auth_register(*, email: str, password: str) -> dict:
    """Returns the new user; `BackendRefused` 400 (invalid email, weak password) or 409."""
    response = _auth.post("/auth/register", json={"email": email, "password": password})
    return _auth.body(response, ok=(201,))


def auth_login(*, email: str, password: str) -> dict:
    """Returns `{access, refresh, token_type, expires_in}`; refused 401 or 429."""
    response = _auth.post("/auth/login", json={"email": email, "password": password})
    return _auth.body(response)


def auth_refresh(*, refresh: str) -> dict:
    """Returns a new `{access, refresh}` pair; refused 401 for a used or expired token."""
    return _auth.body(_auth.post("/auth/refresh", json={"refresh": refresh}))


def auth_logout(*, refresh: str) -> None:
    """Revokes the refresh token."""
    _auth.body(_auth.post("/auth/logout", json={"refresh": refresh}), ok=(204,))


def auth_me(*, token: str) -> dict:
    """Returns the current user `{id, email, role, is_active, created_at}`."""
    return _auth.body(_auth.get("/auth/me", user_token=token))


def auth_password_change(*, token: str, old_password: str, new_password: str) -> None:
    """Changes the password; refused 400 for a wrong old or weak new password."""
    response = _auth.post(
        "/auth/change-password",
        user_token=token,
        json={"old_password": old_password, "new_password": new_password},
    )
    _auth.body(response, ok=(204,))
