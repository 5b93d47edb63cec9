"""A database of a test's own, for real processes that commit (a SQLite file, or a fresh PostgreSQL
database on the test server), and a way to query it from the test."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection

Query = Callable[..., list[tuple[Any, ...]]]


@pytest.fixture
def own_database(tmp_path) -> Iterator[tuple[str, Query]]:
    """A database URL for the processes, and a way to query it from here."""
    if connection.vendor == "sqlite":
        db = tmp_path / "jaring.sqlite3"

        def query_sqlite(sql: str, *params: str) -> list[tuple[Any, ...]]:
            with sqlite3.connect(db) as conn:
                return conn.execute(sql.replace("%s", "?"), params).fetchall()

        yield f"sqlite:///{db}", query_sqlite
        return
    import psycopg

    settings = connection.settings_dict
    server = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}"
    name = f"jaring_own_{os.getpid()}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")

    def query_postgres(sql: str, *params: str) -> list[tuple[Any, ...]]:
        with psycopg.connect(f"{server}/{name}") as conn:
            return conn.execute(sql, params).fetchall()

    try:
        yield f"{server}/{name}", query_postgres
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
