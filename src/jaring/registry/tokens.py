"""The name-search token index (registry_worker_token, migration 0003) around big bulk loads.

Triggers keep the index in step with registry_worker. On PostgreSQL they fire once per statement, so a
COPY of a million rows fills the index in one sorted insert (13–20 s at 1M rows; bench/schema_floors.py).
SQLite only has row triggers: a million-row bulk insert took 33 s instead of 19 s, where one set-based fill
afterwards adds about 1.5 s (bench/RESULTS.md, 2026-12-03). ``bulk_token_fill`` gives a bulk loader that cheaper path
on SQLite: the insert trigger is dropped for the load, the new rows' tokens are inserted in one statement
after it, and the trigger is recreated, all inside the caller's transaction (SQLite's DDL is
transactional, so a failure leaves the trigger as it was).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

# The same statements as migration 0003 (a migration keeps its own frozen copy); fixed SQL, no input.
_SQLITE_TOKENS = (
    "json_each('[\"' || replace(replace(replace(trim({r}.search_name || ' ' || {r}.name_key), '\\', ''), "
    "'\"', ''), ' ', '\",\"') || '\"]')"
)
_SQLITE_INSERT_TRIGGER = f"""CREATE TRIGGER registry_worker_token_insert AFTER INSERT ON registry_worker BEGIN
        INSERT OR IGNORE INTO registry_worker_token (token, worker_id)
        SELECT value, NEW.id FROM {_SQLITE_TOKENS.format(r="NEW")} WHERE value <> '';
    END"""  # noqa: S608
_SQLITE_FILL_AFTER = f"""INSERT OR IGNORE INTO registry_worker_token (token, worker_id)
    SELECT value, w.id FROM registry_worker w, {_SQLITE_TOKENS.format(r="w")}
    WHERE w.id > %s AND value <> ''"""  # noqa: S608


@contextmanager
def bulk_token_fill() -> Iterator[None]:
    """Wrap a bulk insert of new workers (ids above every existing one, as an autoincrement gives) so that
    their tokens are filled set-based after it on SQLite. Must run inside a transaction. A no-op on
    PostgreSQL, whose statement triggers are already set-based."""
    if connection.vendor != "sqlite":
        yield
        return
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError("bulk_token_fill() needs a transaction.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM registry_worker")
        (last_id,) = cursor.fetchone()
        cursor.execute("DROP TRIGGER registry_worker_token_insert")
    yield
    with connection.cursor() as cursor:
        cursor.execute(_SQLITE_FILL_AFTER, [last_id])
        cursor.execute(_SQLITE_INSERT_TRIGGER)
