from devstack.services import SERVICES, database_url_for, dotenv_ensure


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
