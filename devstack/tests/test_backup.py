import datetime as dt
import os

import pytest

from devstack.backup import backup_all
from devstack.postgres import database_ensure


@pytest.fixture
def server_url() -> str:
    """The PostgreSQL server `make test` started (devstack passes its URL)."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        pytest.fail("DATABASE_URL is not set: run these tests through `make test`")
    return url


def test_backup_dumps_each_existing_database_into_a_dated_folder(tmp_path, server_url):
    database_ensure(server_url=server_url, name="catalog")
    now = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)

    folder = backup_all(server_url=server_url, root=tmp_path, now=now)

    assert folder.name == "2026-11-26T120000Z"
    dump = folder / "catalog.dump"
    assert dump.read_bytes().startswith(b"PGDMP")


def test_backup_removes_folders_older_than_seven_days_and_keeps_the_rest(tmp_path, server_url):
    (tmp_path / "2026-11-10T000000Z").mkdir()
    (tmp_path / "2026-11-20T000000Z").mkdir()
    (tmp_path / "notes").mkdir()

    backup_all(server_url=server_url, root=tmp_path, now=dt.datetime(2026, 11, 26, tzinfo=dt.UTC))

    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "2026-11-20T000000Z",
        "2026-11-26T000000Z",
        "notes",
    ]
