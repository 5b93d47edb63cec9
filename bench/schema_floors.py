"""Where a big load's time goes inside the database: the worker table (issue 8) and the membership table
(issue 10), each step measured on the same rows in a rolled-back transaction.

    .venv/bin/python bench/schema_floors.py [N] [--cohort C] --db sqlite|postgresql [--only worker|membership]

N realistic workers (the import benchmark's generator, spread over Tegal's villages) are staged in a plain
table first (not timed). Then, each from that table by one INSERT … SELECT:
  worker table, into an empty registry:
    raw       the rows into a table with only a primary key;
    pk+nik    `registry_worker` stripped to its primary key and unique NIK (no other index, no foreign key,
              no name-token trigger);
    +indexes  and its other indexes built after the load (the build timed apart);
    +tokens   and the name tokens filled by one statement after it;
    as is     the table as the import meets it (every index, the token trigger, the foreign keys).
  membership table, C proposed memberships of C of those workers (every other one):
    raw       the rows into a table with only a primary key;
    pk        `enrolment_membership` stripped to its primary key;
    +worker   and the (worker, start) index the double-funding check reads, kept up row by row;
    +indexes  and every other index;
    +fks      and the foreign keys checked (PostgreSQL forces its deferred checks to run);
    as is     the table as the cohort meets it (with the double-funding guard).
The real pipelines' own figures are in bench/import_workers.py and bench/planner.py.
"""

# Every name put into SQL here is this script's own constant or the schema's; values travel as parameters.
# ruff: noqa: S608
from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from common import django_setup, fresh_database  # noqa: E402

SQLITE_FILE = ROOT / "var" / "bench" / "floors.sqlite3"
PG_URL = "postgres://postgres@127.0.0.1:5432/jaring_floors"
SOURCE = "floor_src"
STAGE = "floor_cohort"
MEMBERSHIP = "enrolment_membership"


def _vendor() -> str:
    from django.db import connection

    return connection.vendor


def _sql(statement: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


@contextmanager
def _rolled_back(*, foreign_keys: bool = False) -> Iterator[None]:
    """A transaction whose schema changes and rows are all undone (both databases' DDL is transactional).
    SQLite's foreign keys belong to the table's definition: they are switched off for the stripped steps,
    outside the transaction, as the pragma is ignored inside one."""
    from django.db import transaction

    if _vendor() == "sqlite" and not foreign_keys:
        _sql("PRAGMA foreign_keys = OFF")
    try:
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
    finally:
        if _vendor() == "sqlite":
            _sql("PRAGMA foreign_keys = ON")


def _timed(step: Callable[[], object]) -> float:
    started = time.perf_counter()
    step()
    return round(time.perf_counter() - started, 2)


def _columns(table: str) -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        return [c.name for c in connection.introspection.get_table_description(cursor, table) if c.name != "id"]


def _indexes(table: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the table's secondary indexes, constraints' own indexes excluded."""
    if _vendor() == "postgresql":
        rows = _sql(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            [table],
        )
    else:
        rows = _sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL", [table]
        )
    return [(name, sql) for name, sql in rows]


def _strip(table: str, *, keep: tuple[str, ...] = ()) -> list[str]:
    """Drops the table's secondary indexes (but ``keep``), triggers and PostgreSQL's foreign keys and
    exclusion constraints; returns the CREATE statements of the dropped indexes."""
    dropped = []
    for name, create in _indexes(table):
        if name not in keep:
            _sql(f'DROP INDEX "{name}"')
            dropped.append(create)
    if _vendor() == "postgresql":
        for (name,) in _sql(
            "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype IN ('f', 'x')", [table]
        ):
            _sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for (name,) in _sql("SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal", [table]):
            _sql(f'DROP TRIGGER "{name}" ON {table}')
    else:
        for (name,) in _sql("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]):
            _sql(f'DROP TRIGGER "{name}"')
    return dropped


def _raw_table(name: str, like: str) -> None:
    """A table with the columns of ``like`` and only a primary key (SQLite's column types are only names)."""
    if _vendor() == "postgresql":
        _sql(f"CREATE TABLE {name} (LIKE {like} INCLUDING DEFAULTS INCLUDING IDENTITY)")
        _sql(f"ALTER TABLE {name} ADD PRIMARY KEY (id)")
        return
    columns = ", ".join(f'"{c}" text' for c in _columns(like))
    _sql(f"CREATE TABLE {name} (id integer PRIMARY KEY, {columns})")


def _insert_checked(statement: str, params: list[Any] | None = None) -> None:
    """The insert and, on PostgreSQL, its deferred foreign-key checks, which would otherwise run at a commit
    that a rolled-back step never reaches."""
    _sql(statement, params)
    if _vendor() == "postgresql":
        _sql("SET CONSTRAINTS ALL IMMEDIATE")


def _stage_workers(n: int) -> None:
    from django.db import transaction
    from django.utils import timezone
    from import_workers import _clean_registry_frame

    from jaring.registry.bulk import DATA_COLUMNS, _as_db_text, copy_rows

    frame = _as_db_text(_clean_registry_frame(n), timezone.now())
    columns = [*DATA_COLUMNS, "created_at", "updated_at"]
    with transaction.atomic():
        _sql(f"CREATE TABLE {SOURCE} AS SELECT {', '.join(columns)} FROM registry_worker WHERE 1 = 0")
        copy_rows(SOURCE, columns, frame)


def _token_fill() -> tuple[str, list[int]]:
    """The statement that fills the new rows' tokens: on SQLite the import's own (`registry.tokens`), on
    PostgreSQL the token trigger's, over the whole table instead of its transition table."""
    if _vendor() == "postgresql":
        trigger = importlib.import_module("jaring.registry.migrations.0009_token_insert_without_conflict")
        return trigger.INSERT.replace("new_rows n", "registry_worker n"), []
    from jaring.registry.tokens import _SQLITE_FILL_AFTER

    return _SQLITE_FILL_AFTER, [0]


def worker_floors() -> dict[str, float]:
    columns = ", ".join(f'"{c}"' for c in _columns(SOURCE))
    insert = f"INSERT INTO registry_worker ({columns}) SELECT {columns} FROM {SOURCE} ORDER BY nik"
    out: dict[str, float] = {}
    for _warm_then_timed in range(2):  # the first pass reads the staged rows into the cache
        with _rolled_back():
            _raw_table("floor_raw", "registry_worker")
            out["raw"] = _timed(lambda: _sql(f"INSERT INTO floor_raw ({columns}) SELECT {columns} FROM {SOURCE}"))
    with _rolled_back():
        dropped = _strip("registry_worker")
        out["pk+nik"] = _timed(lambda: _sql(insert))
        out["index build"] = _timed(lambda: [_sql(create) for create in dropped])
        out["token fill"] = _timed(lambda: _sql(*_token_fill()))
    with _rolled_back(foreign_keys=True):
        out["as is"] = _timed(lambda: _insert_checked(insert))
    return out


def membership_floors(cohort: int) -> dict[str, float]:
    _sql(f"INSERT INTO registry_worker ({', '.join(_columns(SOURCE))}) SELECT * FROM {SOURCE}")
    _sql("ANALYZE")
    programme = _programme()
    _sql(
        f"CREATE TABLE {STAGE} AS SELECT id AS worker_id FROM registry_worker WHERE id %% 2 = 0 ORDER BY id LIMIT %s",
        [cohort],
    )
    day, moment = ("CAST(%s AS date)", "CAST(%s AS timestamptz)") if _vendor() == "postgresql" else ("%s", "%s")
    columns = 'worker_id, programme_id, start, "end", status, kpj, reason, created_at, updated_at'
    select = (
        f"SELECT s.worker_id, %s, {day}, {day}, 'proposed', '', '', {moment}, {moment} "
        f"FROM {STAGE} s ORDER BY s.worker_id"
    )
    params = [programme, "2027-01-01", "2027-12-31", "2026-12-03 00:00:00+00:00", "2026-12-03 00:00:00+00:00"]
    if _vendor() == "sqlite":
        params[3:] = ["2026-12-03 00:00:00", "2026-12-03 00:00:00"]

    def into(table: str) -> Callable[[], object]:
        return lambda: _insert_checked(f"INSERT INTO {table} ({columns}) {select}", params)

    out: dict[str, float] = {}
    for _warm_then_timed in range(2):
        with _rolled_back():
            _raw_table("floor_raw", "enrolment_membership")
            out["raw"] = _timed(into("floor_raw"))
    with _rolled_back():
        _strip("enrolment_membership")
        out["pk"] = _timed(into("enrolment_membership"))
    with _rolled_back():
        _strip("enrolment_membership", keep=("membership_worker_start",))
        out["+worker"] = _timed(into("enrolment_membership"))
    with _rolled_back():
        _strip_guard_and_fks()
        out["+indexes"] = _timed(into("enrolment_membership"))
    with _rolled_back(foreign_keys=True):
        _strip_guard_only()
        out["+fks"] = _timed(into("enrolment_membership"))
    with _rolled_back(foreign_keys=True):
        out["as is"] = _timed(into("enrolment_membership"))
    return out


def _strip_guard_and_fks() -> None:
    _strip_guard_only()
    if _vendor() == "postgresql":
        for (name,) in _sql(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'enrolment_membership'::regclass AND contype = 'f'"
        ):
            _sql(f'ALTER TABLE enrolment_membership DROP CONSTRAINT "{name}"')


def _strip_guard_only() -> None:
    if _vendor() == "postgresql":
        _sql("ALTER TABLE enrolment_membership DROP CONSTRAINT membership_no_double_funding")
    else:
        for (name,) in _sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'enrolment_membership'"
        ):
            _sql(f'DROP TRIGGER "{name}"')


def _programme() -> int:
    from datetime import date
    from decimal import Decimal

    from jaring.funding.services import ProgrammeInput, programme_create

    inp = ProgrammeInput(
        region_code="33.28", name="Floor", segment="bpu", start=date(2027, 1, 1), months=12, budget=Decimal(10**12)
    )
    return int(programme_create(actor=None, inp=inp, today=date(2026, 12, 3)).pk)


def run(kind: str, n: int, cohort: int, only: list[str]) -> dict[str, dict[str, float]]:
    import os

    os.environ["DATABASE_URL"] = fresh_database(kind, SQLITE_FILE, PG_URL)
    os.environ["JARING_ENV"] = "development"
    django_setup()
    _stage_workers(n)
    _sql("ANALYZE")
    worker = worker_floors() if "worker" in only else {}
    return {"worker": worker, "membership": membership_floors(cohort)} if "membership" in only else {"worker": worker}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--cohort", type=int, default=500_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], required=True)
    parser.add_argument("--only", choices=["worker", "membership"], action="append", help="default: both tables")
    args = parser.parse_args()
    for table, figures in run(args.db, args.n, args.cohort, args.only or ["worker", "membership"]).items():
        print(table, " ".join(f"{k}={v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
