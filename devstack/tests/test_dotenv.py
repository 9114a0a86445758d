from devstack.services import SERVICES, database_url_for, dotenv_ensure
from shop_common.internal_calls import all_link_key_names


def test_first_start_writes_random_secrets_and_the_default_admin(tmp_path, monkeypatch):
    monkeypatch.delenv("ADMIN_EMAIL", raising=False)
    monkeypatch.delenv("JWT_SIGNING_KEY", raising=False)
    path = tmp_path / ".env"

    values = dotenv_ensure(path)

    assert values["ADMIN_EMAIL"] == "admin@example.com"
    assert values["ADMIN_PASSWORD"] == "admin-password-change-me"
    assert len(values["JWT_SIGNING_KEY"]) >= 48
    assert all(len(values[s.secret_key_var]) >= 48 for s in SERVICES)
    assert len({values[s.secret_key_var] for s in SERVICES}) == len(SERVICES)
    assert path.stat().st_mode & 0o077 == 0


def test_a_second_start_reads_the_same_values(tmp_path):
    path = tmp_path / ".env"
    first = dotenv_ensure(path)

    assert dotenv_ensure(path) == first


def test_values_already_in_the_environment_are_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "from-the-environment")

    values = dotenv_ensure(tmp_path / ".env")

    assert values["ADMIN_PASSWORD"] == "from-the-environment"


def test_a_database_url_gets_each_service_database_name():
    url = database_url_for(
        server_url="postgres://u:p@db.example:5432/postgres?sslmode=require", database="orders"
    )

    assert url == "postgres://u:p@db.example:5432/orders?sslmode=require"


def test_first_start_writes_one_random_key_per_internal_call_link(tmp_path):
    values = dotenv_ensure(tmp_path / ".env")

    keys = [values[name] for name in all_link_key_names()]
    assert sorted(all_link_key_names()) == [
        "CATALOG_TO_AUTH_SERVICE_KEY",
        "ORDER_TO_AUTH_SERVICE_KEY",
        "ORDER_TO_CATALOG_SERVICE_KEY",
        "PAYMENT_TO_AUTH_SERVICE_KEY",
    ]
    assert all(len(key) >= 48 for key in keys)
    assert len(set(keys)) == len(keys)
    assert "SERVICE_SIGNING_KEY" not in values


OLD_DOTENV = """# Written by `make run` on first start. Local secrets: never commit this file.
JWT_SIGNING_KEY=old-jwt-key
SERVICE_SIGNING_KEY=old-shared-service-key
WEBHOOK_SECRET=old-webhook
AUTH_SECRET_KEY=a
CATALOG_SECRET_KEY=c
CART_SECRET_KEY=ca
ORDER_SECRET_KEY=o
PAYMENT_SECRET_KEY=p
GATEWAY_SECRET_KEY=g
ADMIN_EMAIL=boss@example.com
ADMIN_PASSWORD=their-own-password
SHOP_CURRENCY=KZT
"""


def test_an_env_from_before_the_service_keys_is_upgraded_in_place(tmp_path):
    path = tmp_path / ".env"
    path.write_text(OLD_DOTENV)

    values = dotenv_ensure(path)

    # Its own values are kept; the service keys are added; the shared key goes.
    assert values["JWT_SIGNING_KEY"] == "old-jwt-key"
    assert values["ADMIN_PASSWORD"] == "their-own-password"
    assert all(len(values[name]) >= 48 for name in all_link_key_names())
    assert "SERVICE_SIGNING_KEY" not in values
    text = path.read_text()
    assert "old-shared-service-key" not in text
    assert text.startswith(OLD_DOTENV.replace("SERVICE_SIGNING_KEY=old-shared-service-key\n", ""))
    assert path.stat().st_mode & 0o077 == 0
    assert dotenv_ensure(path) == values


def test_an_up_to_date_env_is_left_untouched(tmp_path):
    path = tmp_path / ".env"
    dotenv_ensure(path)
    before = path.read_text()

    dotenv_ensure(path)

    assert path.read_text() == before
