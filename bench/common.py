"""What every benchmark here needs: Django in the phase's own process, its peak memory, and a fresh database
(a new SQLite file, or a PostgreSQL database dropped and created) set up by `jaring setup`."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jaring.settings")
    import django

    django.setup()


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def fresh_database(kind: str, sqlite_file: Path, pg_url: str) -> str:
    """The URL of an empty, set-up database of ``kind`` (sqlite or postgresql)."""
    sqlite_file.parent.mkdir(parents=True, exist_ok=True)
    if kind == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{sqlite_file}"
    else:
        name = pg_url.rsplit("/", 1)[1]
        for command in (["dropdb", "--if-exists"], ["createdb"]):
            subprocess.run([*command, "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        url = pg_url
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "jaring", "setup"], env=env, check=True, capture_output=True)
    return url
