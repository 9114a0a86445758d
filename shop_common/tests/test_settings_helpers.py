import pytest

from shop_common import settings as shared


def _production_like(**overrides) -> dict:
    real = "r" * 48
    values = {
        "SECRET_KEY": real,
        "JWT_ALGORITHM": "HS256",
        "JWT_SIGNING_KEY": real,
        "SERVICE_SIGNING_KEY": real,
        "WEBHOOK_SECRET": real,
    }
    return {**values, **overrides}


def test_production_accepts_real_secrets():
    shared.production_secrets_require(_production_like())


@pytest.mark.parametrize(
    "name", ["SECRET_KEY", "JWT_SIGNING_KEY", "SERVICE_SIGNING_KEY", "WEBHOOK_SECRET"]
)
def test_production_refuses_a_test_placeholder_secret(name):
    placeholder = "insecure-test-placeholder-that-is-long-enough-to-pass-length"

    with pytest.raises(RuntimeError):
        shared.production_secrets_require(_production_like(**{name: placeholder}))


def test_production_refuses_a_short_secret():
    with pytest.raises(RuntimeError):
        shared.production_secrets_require(_production_like(SECRET_KEY="short"))


def test_production_with_rs256_needs_no_shared_jwt_key():
    shared.production_secrets_require(_production_like(JWT_ALGORITHM="RS256", JWT_SIGNING_KEY=""))


def test_an_admin_behind_one_origin_has_cookies_scoped_to_its_path():
    settings = shared.admin_scoped(service="catalog", path="admin/catalog/")

    assert settings["SESSION_COOKIE_PATH"] == "/admin/catalog/"
    assert settings["CSRF_COOKIE_NAME"] == "catalog_csrftoken"
    assert settings["AUTHENTICATION_BACKENDS"] == ["shop_common.admin_login.AuthServiceBackend"]


def test_the_database_url_gets_persistent_health_checked_connections(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db:5432/orders")

    config = shared.database(default_name="orders")

    assert config["NAME"] == "orders"
    assert config["CONN_MAX_AGE"] > 0
    assert config["CONN_HEALTH_CHECKS"] is True
