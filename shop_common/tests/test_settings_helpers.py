import pytest
from django.core.exceptions import ImproperlyConfigured

from shop_common import settings as shared
from shop_common.internal_calls import all_link_key_names

PLACEHOLDER = "insecure-test-placeholder-that-is-long-enough-to-pass-length"


def _production_like(**overrides) -> dict:
    values = {
        "SERVICE_NAME": "order",
        "SECRET_KEY": "s" * 48,
        "JWT_ALGORITHM": "HS256",
        "JWT_SIGNING_KEY": "j" * 48,
        "SERVICE_SIGNING_KEYS": {"auth": "a" * 48, "catalog": "c" * 48},
        "SERVICE_CALLER_KEYS": {},
        "WEBHOOK_SECRET": "w" * 48,
    }
    return {**values, **overrides}


def test_production_accepts_real_secrets():
    shared.production_secrets_require(_production_like())


@pytest.mark.parametrize("name", ["SECRET_KEY", "JWT_SIGNING_KEY", "WEBHOOK_SECRET"])
def test_production_refuses_a_test_placeholder_secret(name):
    with pytest.raises(RuntimeError):
        shared.production_secrets_require(_production_like(**{name: PLACEHOLDER}))


@pytest.mark.parametrize(
    ("overrides", "name"),
    [
        ({"SERVICE_SIGNING_KEYS": {"auth": "a" * 48, "catalog": PLACEHOLDER}}, "ORDER_TO_CATALOG"),
        ({"SERVICE_SIGNING_KEYS": {"auth": "short", "catalog": "c" * 48}}, "ORDER_TO_AUTH"),
        (
            {"SERVICE_NAME": "catalog", "SERVICE_CALLER_KEYS": {"order": "short"}},
            "ORDER_TO_CATALOG",
        ),
    ],
)
def test_production_refuses_a_placeholder_or_short_service_key_by_its_name(overrides, name):
    with pytest.raises(RuntimeError, match=f"{name}_SERVICE_KEY"):
        shared.production_secrets_require(_production_like(**overrides))


def test_production_refuses_a_service_key_that_is_the_user_token_key():
    with pytest.raises(RuntimeError, match="differ from JWT_SIGNING_KEY"):
        shared.production_secrets_require(
            _production_like(SERVICE_SIGNING_KEYS={"auth": "j" * 48, "catalog": "c" * 48})
        )


def test_production_refuses_a_short_secret():
    with pytest.raises(RuntimeError):
        shared.production_secrets_require(_production_like(SECRET_KEY="short"))


@pytest.mark.parametrize("value", [None, "", "   "])
def test_a_missing_empty_or_blank_secret_refuses_to_start(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("SOME_SECRET", raising=False)
    else:
        monkeypatch.setenv("SOME_SECRET", value)

    with pytest.raises(ImproperlyConfigured, match="SOME_SECRET"):
        shared.secret("SOME_SECRET")


def _all_service_keys_set(monkeypatch) -> None:
    for name in all_link_key_names():
        monkeypatch.setenv(name, f"key-of-{name}")


@pytest.mark.parametrize("service", ["cart", "gateway"])
def test_cart_and_gateway_read_no_service_key_even_when_the_environment_has_them(
    monkeypatch, service
):
    _all_service_keys_set(monkeypatch)
    monkeypatch.setenv("SERVICE_SIGNING_KEY", "the-old-shared-key")

    assert shared.service_keys(service=service) == {
        "SERVICE_SIGNING_KEYS": {},
        "SERVICE_CALLER_KEYS": {},
    }


def test_each_service_reads_only_the_keys_of_its_own_links(monkeypatch):
    _all_service_keys_set(monkeypatch)

    keys = {s: shared.service_keys(service=s) for s in ("auth", "catalog", "order", "payment")}

    assert keys["auth"] == {
        "SERVICE_SIGNING_KEYS": {},
        "SERVICE_CALLER_KEYS": {
            "catalog": "key-of-CATALOG_TO_AUTH_SERVICE_KEY",
            "order": "key-of-ORDER_TO_AUTH_SERVICE_KEY",
            "payment": "key-of-PAYMENT_TO_AUTH_SERVICE_KEY",
        },
    }
    assert keys["catalog"] == {
        "SERVICE_SIGNING_KEYS": {"auth": "key-of-CATALOG_TO_AUTH_SERVICE_KEY"},
        "SERVICE_CALLER_KEYS": {"order": "key-of-ORDER_TO_CATALOG_SERVICE_KEY"},
    }
    assert keys["order"] == {
        "SERVICE_SIGNING_KEYS": {
            "auth": "key-of-ORDER_TO_AUTH_SERVICE_KEY",
            "catalog": "key-of-ORDER_TO_CATALOG_SERVICE_KEY",
        },
        "SERVICE_CALLER_KEYS": {},
    }
    assert keys["payment"] == {
        "SERVICE_SIGNING_KEYS": {"auth": "key-of-PAYMENT_TO_AUTH_SERVICE_KEY"},
        "SERVICE_CALLER_KEYS": {},
    }


def test_a_service_missing_one_of_its_keys_refuses_to_start(monkeypatch):
    _all_service_keys_set(monkeypatch)
    monkeypatch.setenv("ORDER_TO_CATALOG_SERVICE_KEY", "")

    with pytest.raises(ImproperlyConfigured, match="ORDER_TO_CATALOG_SERVICE_KEY"):
        shared.service_keys(service="catalog")


def test_production_cookies_are_secure_unless_compose_says_otherwise(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "shop.example")
    monkeypatch.delenv("DJANGO_SECURE_COOKIES", raising=False)
    secure = shared.production_hardening()
    monkeypatch.setenv("DJANGO_SECURE_COOKIES", "false")
    local_http = shared.production_hardening()

    assert (secure["SESSION_COOKIE_SECURE"], secure["CSRF_COOKIE_SECURE"]) == (True, True)
    assert (local_http["SESSION_COOKIE_SECURE"], local_http["CSRF_COOKIE_SECURE"]) == (
        False,
        False,
    )
    assert local_http["DEBUG"] is False


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
