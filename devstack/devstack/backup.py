"""`make backup`: pg_dump every service database into a dated folder, keep 7 days."""

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import psycopg

from devstack.postgres import POSTGRES_BIN_PATH
from devstack.services import SERVICES, database_url_for

KEEP_DAYS = 7


def backup_all(*, server_url: str, root: Path, now: dt.datetime | None = None) -> Path:
    """Dumps each service database (custom format) into `root/<timestamp>/`;
    removes backup folders older than KEEP_DAYS. Returns the new folder."""
    now = now or dt.datetime.now(dt.UTC)
    folder = root / now.strftime("%Y-%m-%dT%H%M%SZ")
    folder.mkdir(parents=True)
    for service in SERVICES:
        if not service.database:
            continue
        url = database_url_for(server_url=server_url, database=service.database)
        try:
            psycopg.connect(url, connect_timeout=3).close()
        except psycopg.OperationalError:
            print(f"  {service.database}: not found, skipped")
            continue
        target = folder / f"{service.database}.dump"
        subprocess.run(
            [str(POSTGRES_BIN_PATH / "pg_dump"), "--format=custom", f"--file={target}", url],
            check=True,
        )
        print(f"  {service.database}: {target} ({target.stat().st_size} bytes)")
    cutoff = now - dt.timedelta(days=KEEP_DAYS)
    for old in root.iterdir():
        try:
            taken = dt.datetime.strptime(old.name, "%Y-%m-%dT%H%M%SZ").replace(tzinfo=dt.UTC)
        except ValueError:
            continue
        if taken < cutoff:
            shutil.rmtree(old)
            print(f"  removed {old.name} (older than {KEEP_DAYS} days)")
    return folder
