"""A big insert of new workers: the indexes are built once after it instead of row by row.

Index upkeep, not the pipeline, is most of an import's time: 200,000 rows into an empty registry on SQLite
took 5.2 s against 0.7 s for reading the file and writing its rows into a table with only a primary key
(bench/RESULTS.md, 2026-12-03). A B-tree insert per row and per index, at random keys, touches a page
each time; building an index after the load sorts its keys once.

For a load that is large beside the table (at least BIG_LOAD_ROWS new rows, and at least as many as the
table holds) the secondary indexes of registry_worker are dropped before the insert and created again
after it, and the name-token index is filled by one statement (registry.tokens). All inside the caller's
transaction: a failure restores the indexes with everything else. The unique NIK index and the primary
key stay: they are the table's integrity.

SQLite only. On PostgreSQL DROP INDEX takes a lock that stops every reader of the registry until the
import commits, and COPY's index upkeep there is cheaper (ADR 0011).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from jaring.registry.tokens import bulk_token_fill

BIG_LOAD_ROWS = 50_000
TABLE = "registry_worker"


def _table_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {TABLE}")  # noqa: S608 - a fixed table name
        (rows,) = cursor.fetchone()
    return int(rows)


def _secondary_indexes() -> list[tuple[str, str]]:
    """(name, CREATE statement) of each index SQLite lets us drop: not the primary key, not UNIQUE(nik)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
            [TABLE],
        )
        return [(str(name), str(sql)) for name, sql in cursor.fetchall()]


@contextmanager
def big_load(adding: int) -> Iterator[None]:
    """Wraps the insert of `adding` new workers; must run inside a transaction."""
    if connection.vendor != "sqlite" or adding < BIG_LOAD_ROWS:
        yield
        return
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError("big_load() needs a transaction.")
    if adding < _table_rows():
        with bulk_token_fill():
            yield
        return
    indexes = _secondary_indexes()
    with connection.cursor() as cursor:
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    with bulk_token_fill():
        yield
    with connection.cursor() as cursor:
        for _, sql in indexes:
            cursor.execute(sql)
