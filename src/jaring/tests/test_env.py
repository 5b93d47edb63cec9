from __future__ import annotations

import pytest

from jaring.env import EnvError, env_bool, env_choice, env_str, parse_database_url


@pytest.mark.parametrize(
    ("url", "engine", "name", "host", "port", "user"),
    [
        (
            "sqlite:////srv/jaring/var/db.sqlite3",
            "django.db.backends.sqlite3",
            "/srv/jaring/var/db.sqlite3",
            "",
            "",
            "",
        ),
        (
            "postgres://postgres@127.0.0.1:5432/test",
            "django.db.backends.postgresql",
            "test",
            "127.0.0.1",
            "5432",
            "postgres",
        ),
        ("postgresql://u:p%40ss@db/jaring", "django.db.backends.postgresql", "jaring", "db", "", "u"),
    ],
)
def test_database_url(url, engine, name, host, port, user):
    config = parse_database_url(url)
    assert (config.engine, config.name, config.host, config.port, config.user) == (
        engine,
        name,
        host,
        port,
        user,
    )


def test_postgresql_connections_are_kept_and_sqlite_waits_for_its_lock():
    postgres = parse_database_url("postgres://postgres@127.0.0.1:5432/test").as_django()
    assert (postgres["CONN_MAX_AGE"], postgres["CONN_HEALTH_CHECKS"]) == (60, True)
    sqlite = parse_database_url("sqlite:////srv/jaring/var/db.sqlite3").as_django()
    assert "CONN_MAX_AGE" not in sqlite
    assert sqlite["OPTIONS"]["timeout"] == 20  # type: ignore[index]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://x/y", "skema tidak didukung"),
        ("sqlite://", "sebutkan berkas SQLite"),
        ("postgres://host:5432/", "nama basis data PostgreSQL tidak ada"),
        ("postgres://host:port/db", "port tidak sah"),
    ],
)
def test_bad_database_url(url, message):
    with pytest.raises(EnvError, match=message):
        parse_database_url(url)


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("yes", True), ("Ya", True), ("0", False), ("off", False)])
def test_env_bool(raw, expected):
    assert env_bool("DEBUG", False, {"DEBUG": raw}) is expected


def test_env_bool_rejects_nonsense():
    with pytest.raises(EnvError, match="DEBUG='mungkin'"):
        env_bool("DEBUG", False, {"DEBUG": "mungkin"})


def test_required_value_missing():
    with pytest.raises(EnvError, match="SECRET_KEY wajib diisi"):
        env_str("SECRET_KEY", None, {})


def test_choice():
    with pytest.raises(EnvError, match="pilihan: development, production"):
        env_choice("JARING_ENV", ("development", "production"), "development", {"JARING_ENV": "staging"})


def test_production_requires_secret_key(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-c", "import jaring.settings"],
        env={"JARING_ENV": "production", "JARING_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode != 0
    assert "SECRET_KEY wajib diisi" in proc.stderr
