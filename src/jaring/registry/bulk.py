"""Set-based registry writes for imports: a million rows without a Python loop of ORM saves.

SQL here is assembled from quoted internal table and column names only; values always travel as
parameters or through COPY (hence the S608 waivers).

The frame is classified against the registry in Polars (new / changed / unchanged by NIK), new rows
are streamed in with COPY (PostgreSQL) or one executemany (SQLite), changed rows are updated from a
staging table in one statement, and their previous values go to WorkerChange.
"""

from __future__ import annotations

import io
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import polars as pl
from django.db import connection, transaction
from django.utils import timezone

from jaring.audit.services import audit_record
from jaring.registry.bulk_load import big_load
from jaring.registry.dupes import find_possible_duplicates
from jaring.registry.models import MoveStatus, SourceBatch, WorkerMoveRequest
from jaring.registry.names import name_key_series

# The frame a caller hands in: one row per worker, NIK unique, values already normalised.
FRAME_SCHEMA: dict[str, Any] = {
    "nik": pl.String,
    "name": pl.String,
    "search_name": pl.String,
    "sex": pl.String,
    "birth_place": pl.String,
    "birth_date": pl.Date,
    "address": pl.String,
    "village_id": pl.String,
    "occupation_id": pl.String,
    "occupation_text": pl.String,
    "income": pl.Int64,
    "phone": pl.String,
    "decile": pl.Int64,
    "source": pl.String,
}
# What is stored: the caller's frame plus the spelling key derived from search_name.
STORED_SCHEMA: dict[str, Any] = {**FRAME_SCHEMA, "name_key": pl.String}
DATA_COLUMNS = list(STORED_SCHEMA)
COMPARED = [c for c in DATA_COLUMNS if c != "nik"]
WORKER_TABLE = "registry_worker"
FETCH_SLICE = 50_000
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BulkResult:
    created: int
    updated: int
    unchanged: int
    possible_duplicates: int
    # Known NIKs of workers outside the batch's region: neither inserted nor updated (issue 8, finding 1).
    out_of_scope: int = 0
    # Workers of the batch whose possible-duplicate block was too large to compare (dupes.MAX_BLOCK_PAIRS).
    duplicate_check_skipped: int = 0


def _noop(stage: str, done: int, total: int) -> None:
    return None


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def copy_rows(table: str, columns: Sequence[str], frame: pl.DataFrame) -> None:
    """Loads a frame into a table by the database's fastest path."""
    if frame.height == 0:
        return
    cols = ", ".join(_quote(c) for c in columns)
    if connection.vendor == "postgresql":
        buffer = io.BytesIO()
        frame.select(columns).write_csv(buffer, include_header=False, null_value="\\N", quote_style="necessary")
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg's own cursor: Django's wrapper has no COPY
            with raw.copy(f"COPY {_quote(table)} ({cols}) FROM STDIN WITH (FORMAT csv, NULL '\\N')") as copy:
                copy.write(buffer.getvalue())
        return
    marks = ", ".join("?" for _ in columns)
    with connection.cursor() as cursor:
        # sqlite3's own executemany, past Django's SQLiteCursorWrapper: that one peeks at the rows through
        # itertools.tee, which then keeps every row of the generator in memory (~1 KB a row, 1 GB a million).
        sqlite3.Cursor.executemany(
            cursor.cursor, f"INSERT INTO {_quote(table)} ({cols}) VALUES ({marks})", frame.select(columns).iter_rows()
        )


def read_frame(sql: str, params: Sequence[Any], schema: dict[str, Any]) -> pl.DataFrame:
    """A query's rows as a frame by the database's fastest path: on PostgreSQL the rows come out by COPY as CSV
    and Polars parses them (a million rows in a fraction of the time psycopg takes to build a million tuples);
    on SQLite, where the rows are already in the process, fetched. ``schema`` names and types the columns
    (text and integers; a date column comes as its ISO text and is converted here)."""
    dates = [name for name, kind in schema.items() if kind == pl.Date]
    wire = {name: (pl.String if kind == pl.Date else kind) for name, kind in schema.items()}
    if connection.vendor == "postgresql":
        buffer = io.BytesIO()
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params) as copy,
        ):
            for block in copy:
                buffer.write(block)
        if buffer.tell() == 0:
            frame = pl.DataFrame(schema=wire)
        else:
            buffer.seek(0)
            frame = pl.read_csv(buffer, has_header=False, new_columns=list(wire), schema=wire)
    else:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            frame = pl.DataFrame(cursor.fetchall(), schema=wire, orient="row")
    return frame.with_columns(pl.col(d).str.slice(0, 10).str.to_date("%Y-%m-%d") for d in dates)


def _as_db_text(frame: pl.DataFrame, now: datetime) -> pl.DataFrame:
    """Dates and timestamps as the text both databases parse; Django keeps UTC in SQLite."""
    stamp = now.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if connection.vendor == "postgresql":
        stamp += "+00:00"
    return frame.with_columns(
        pl.col("birth_date").dt.strftime("%Y-%m-%d"),
        pl.lit(stamp).alias("created_at"),
        pl.lit(stamp).alias("updated_at"),
    )


def temp_table(columns: Iterable[tuple[str, str]]) -> str:
    name = f"jaring_stage_{uuid.uuid4().hex[:12]}"
    spec = ", ".join(f"{_quote(c)} {t}" for c, t in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {_quote(name)} ({spec})")
    return name


def _analyze(table: str) -> None:
    """PostgreSQL never auto-analyzes temporary tables, and a large insert inside the transaction leaves the
    registry's statistics stale: without fresh ones the planner picks nested loops over millions of rows."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {_quote(table)}")


def _row_estimate(table: str) -> float:
    """PostgreSQL's estimate of a table's rows; negative when it has never been analyzed."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        row = cursor.fetchone()
    return float(row[0]) if row else -1.0


def _grows_much(table: str, added: int) -> bool:
    """True when an insert adds over a tenth of the table: then the planner's row estimates are stale."""
    if connection.vendor != "postgresql" or added < 10_000:
        return False
    estimate = _row_estimate(table)
    return estimate < 0 or added > 0.1 * estimate


def _probe_by_index(table: str, keys: int) -> bool:
    """True when a lookup of ``keys`` rows should probe the table's index once per key. PostgreSQL's planner
    prefers hashing the whole table: 100,000 NIKs against a registry of 5 million took 3.5 s that way and
    1.4 s by index (bench/RESULTS.md, 2026-12-01)."""
    return connection.vendor == "postgresql" and keys < 0.1 * _row_estimate(table)


def _drop(table: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {_quote(table)}")


def in_scope(column: str, scope_code: str | None) -> pl.Expr:
    """True where a region code column lies inside ``scope_code`` (None: the whole country)."""
    if not scope_code:
        return pl.col(column).is_not_null() | pl.lit(True)  # one value a row, as the scoped form
    return (pl.col(column) == scope_code) | pl.col(column).str.starts_with(f"{scope_code}.")


@transaction.atomic  # its own transaction when called alone: SET LOCAL and the staging table need one
def workers_existing(niks: pl.Series) -> pl.DataFrame:
    """Registry rows for the frame's NIKs, found through an indexed join on a staged NIK list. Every caller
    decides on their region (``in_scope`` on ``village_id``) before using a row: a NIK lookup is a scope
    decision."""
    stage = temp_table([("nik", "varchar(16)")])
    try:
        copy_rows(stage, ["nik"], niks.to_frame("nik"))
        _analyze(stage)
        # Cast to portable types: SQLite and PostgreSQL return dates and numerics differently.
        casts = {"birth_date": "TEXT", "income": "BIGINT"}
        select = ", ".join(
            f"CAST(w.{_quote(c)} AS {casts[c]})" if c in casts else f"w.{_quote(c)}" for c in ["id", *DATA_COLUMNS]
        )
        schema = {"id": pl.Int64, **STORED_SCHEMA, "birth_date": pl.String}
        # In slices: a million rows as Python tuples at once would take a gigabyte.
        parts = [pl.DataFrame(schema=schema)]
        by_index = _probe_by_index(WORKER_TABLE, niks.len())
        with connection.cursor() as cursor:
            if by_index:
                cursor.execute("SET LOCAL enable_hashjoin = off")
                cursor.execute("SET LOCAL enable_mergejoin = off")
            cursor.execute(f"SELECT {select} FROM {_quote(WORKER_TABLE)} w JOIN {_quote(stage)} s ON s.nik = w.nik")
            while rows := cursor.fetchmany(FETCH_SLICE):
                parts.append(pl.DataFrame(rows, schema=schema, orient="row"))
            if by_index:
                cursor.execute("SET LOCAL enable_hashjoin TO DEFAULT")
                cursor.execute("SET LOCAL enable_mergejoin TO DEFAULT")
    finally:
        _drop(stage)
    existing = pl.concat(parts, rechunk=True)
    return existing.with_columns(pl.col("birth_date").str.to_date("%Y-%m-%d"))


# Columns a blank cell of a later file must not wipe (issue 8, finding 2): blank keeps the known value, a
# written value (an explicit correction) replaces it. Name, village and source are always written.
KEPT_WHEN_BLANK = ["sex", "birth_place", "birth_date", "address", "income", "phone", "decile"]


def _blank(column: str) -> pl.Expr:
    col = pl.col(column)
    return col.is_null() | (col == "") if STORED_SCHEMA[column] == pl.String else col.is_null()


def _keep_known_values(known: pl.DataFrame) -> pl.DataFrame:
    """COALESCE of the file's value over the registry's, set-based on the joined frame. The occupation code
    and its written text travel as a pair: a new text with no catalogue match must not keep the old code."""
    fill = [pl.when(_blank(c)).then(pl.col(f"{c}_old")).otherwise(pl.col(c)).alias(c) for c in KEPT_WHEN_BLANK]
    no_occupation = _blank("occupation_text") & pl.col("occupation_id").is_null()
    fill += [
        pl.when(no_occupation).then(pl.col(f"{c}_old")).otherwise(pl.col(c)).alias(c)
        for c in ("occupation_id", "occupation_text")
    ]
    # Provenance (issue 9, finding 4): the first source stays on the worker; later batches go to its history.
    first = pl.col("source_old")
    fill.append(pl.when(first.is_null() | (first == "")).then(pl.col("source")).otherwise(first).alias("source"))
    return known.with_columns(fill)


def _changed_mask(joined: pl.DataFrame) -> pl.Expr:
    return pl.any_horizontal([~pl.col(c).eq_missing(pl.col(f"{c}_old")) for c in COMPARED])


def _update_changed(
    changed: pl.DataFrame, batch_id: int, now: datetime, actor_id: int | None, scope_code: str | None
) -> None:
    text = _as_db_text(changed.select(["id", *DATA_COLUMNS]), now).with_columns(pl.lit(batch_id).alias("batch_id"))
    types = {"id": "bigint", "income": "numeric(14,0)", "decile": "integer", "batch_id": "bigint"}
    stage_cols = ["id", *DATA_COLUMNS, "batch_id", "updated_at"]
    stage = temp_table([(c, types.get(c, "text")) for c in stage_cols])
    try:
        copy_rows(stage, stage_cols, text)
        _analyze(stage)
        casts = {"birth_date": "date", "updated_at": "timestamptz"} if connection.vendor == "postgresql" else {}
        sets = ", ".join(
            f"{_quote(c)} = s.{_quote(c)}" + (f"::{casts[c]}" if c in casts else "")
            # batch_id: the latest batch that wrote the row, by which the duplicate search finds the batch's
            # rows (dupes.py); the source stays the first (_keep_known_values).
            for c in [*COMPARED, "batch_id", "updated_at"]
        )
        # The write checks the scope of what it changes, whatever the caller classified: a worker moved out of
        # the region since the lookup is left alone.
        where, params = f"{_quote(WORKER_TABLE)}.id = s.id", []
        if scope_code:
            village = f"{_quote(WORKER_TABLE)}.{_quote('village_id')}"
            where += f" AND ({village} = %s OR {village} LIKE %s)"
            params = [scope_code, f"{scope_code}.%"]
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {_quote(WORKER_TABLE)} SET {sets} FROM {_quote(stage)} s WHERE {where}", params)
    finally:
        _drop(stage)
    before = changed.select(
        pl.col("id").alias("worker_id"),
        pl.struct([pl.col(f"{c}_old").alias(c) for c in COMPARED]).struct.json_encode().alias("before"),
    )
    stamp = _as_db_text(pl.DataFrame({"birth_date": [None]}, schema={"birth_date": pl.Date}), now)["created_at"][0]
    history = before.with_columns(
        pl.lit(stamp).alias("at"), pl.lit(batch_id).alias("batch_id"), pl.lit(actor_id).alias("actor_id")
    )
    copy_rows("registry_workerchange", ["worker_id", "at", "batch_id", "actor_id", "before"], history)


def _history_seen(unchanged: pl.DataFrame, batch_id: int, now: datetime, actor_id: int | None) -> None:
    """A history row with nothing before it for each worker the batch lists unchanged: it was seen there."""
    stamp = _as_db_text(pl.DataFrame({"birth_date": [None]}, schema={"birth_date": pl.Date}), now)["created_at"][0]
    seen = unchanged.select(
        pl.col("id").alias("worker_id"),
        pl.lit(stamp).alias("at"),
        pl.lit(batch_id).alias("batch_id"),
        pl.lit(actor_id, dtype=pl.Int64).alias("actor_id"),
        pl.lit("{}").alias("before"),
    )
    copy_rows("registry_workerchange", seen.columns, seen)


@transaction.atomic
def workers_bulk_upsert(
    *,
    actor: Any,
    batch: SourceBatch,
    frame: pl.DataFrame,
    progress: Progress = _noop,
    existing: pl.DataFrame | None = None,
) -> BulkResult:
    """Creates new workers, updates changed ones and counts the unchanged, by NIK, in one transaction.

    Only workers inside the batch's region (``batch.region``; none: national) are updated; a NIK of a worker
    elsewhere is left alone and counted in ``out_of_scope``. ``existing`` is ``workers_existing`` of the
    frame's NIKs when the caller has already looked them up."""
    frame = frame.select([pl.col(c).cast(t) for c, t in FRAME_SCHEMA.items()])
    # A key can outgrow its name ("x" keys to "ks"): cut to the column's 200 characters.
    frame = frame.with_columns(name_key_series(frame["search_name"]).str.slice(0, 200))
    now = timezone.now()
    total = frame.height
    progress("registry", 0, total)
    scope_code = batch.region_id
    existing = workers_existing(frame["nik"]) if existing is None else existing
    inside = existing.select(in_scope("village_id", scope_code)).to_series()
    foreign = existing.filter(~inside).height
    if foreign:
        frame = frame.filter(~frame["nik"].is_in(existing.filter(~inside)["nik"].implode()))
        existing = existing.filter(inside)
    # Only the known rows are joined to their registry values; the new ones are the frame itself when the
    # registry holds none of them (a first import), so a million-row import keeps one copy of its rows.
    if existing.height:
        is_known = frame["nik"].is_in(existing["nik"].implode())
        new = frame.filter(~is_known)
        known = _keep_known_values(frame.filter(is_known).join(existing, on="nik", how="inner", suffix="_old"))
    else:
        new, known = frame, frame.clear()
    del existing
    changed = known.filter(_changed_mask(known)) if known.height else known
    progress("registry", total // 3, total)

    # In NIK order: the unique index then grows at its end instead of at random pages.
    insert = _as_db_text(new.sort("nik"), now).with_columns(pl.lit(batch.pk).alias("batch_id"))
    with big_load(insert.height):
        copy_rows(WORKER_TABLE, [*DATA_COLUMNS, "batch_id", "created_at", "updated_at"], insert)
    del insert
    progress("registry", 2 * total // 3, total)
    actor_id = getattr(actor, "pk", None)
    if changed.height:
        _update_changed(changed, batch.pk, now, actor_id, scope_code)
    if known.height > changed.height:
        _history_seen(known.filter(~_changed_mask(known)), batch.pk, now, actor_id)
    if _grows_much(WORKER_TABLE, new.height):
        _analyze(WORKER_TABLE)
    # The batch's rows are the new and the changed ones: their cells bound the duplicate search's blocks.
    cells = pl.concat([new.select("birth_date", "village_id"), changed.select("birth_date", "village_id")])
    duplicates, skipped = find_possible_duplicates(batch_id=batch.pk, now=now, cells=cells)
    progress("registry", total, total)
    result = BulkResult(
        created=new.height,
        updated=changed.height,
        unchanged=known.height - changed.height,
        possible_duplicates=duplicates,
        out_of_scope=foreign,
        duplicate_check_skipped=skipped,
    )
    audit_record(
        actor=actor,
        action="workers.import",
        obj=batch,
        region_code=batch.region_id or "",
        summary={"source": batch.source, "file": batch.file_name, **result.__dict__},
    )
    return result


MOVE_TABLE = "registry_workermoverequest"
# The proposed values a move request carries: the import frame less the NIK (the worker's own).
PROPOSED = [c for c in FRAME_SCHEMA if c != "nik"]


def worker_moves_request(*, actor: Any, scope_code: str | None, rows: pl.DataFrame) -> int:
    """Files a move request for each import row whose NIK is of a worker outside the importer's region, set-based.

    ``rows``: ``FRAME_SCHEMA`` plus ``worker_id`` and ``from_region_id`` (the worker's village). A request the
    same region already has pending for the same worker and village is not filed twice. Audited in the
    importer's region and in each regency the workers live in (counts only: no NIK, no name)."""
    pending = WorkerMoveRequest.objects.filter(status=MoveStatus.PENDING, requested_region_id=scope_code)
    seen = pl.DataFrame(
        list(pending.values_list("worker_id", "to_village_id")),
        schema={"worker_id": pl.Int64, "village_id": pl.String},
        orient="row",
    )
    rows = rows.with_columns(pl.col("worker_id").cast(pl.Int64)).join(seen, on=["worker_id", "village_id"], how="anti")
    if rows.height == 0:
        return 0
    now = timezone.now()
    stamp = _as_db_text(pl.DataFrame({"birth_date": [None]}, schema={"birth_date": pl.Date}), now)["created_at"][0]
    requests = rows.select(
        "worker_id",
        "from_region_id",
        pl.col("village_id").alias("to_village_id"),
        pl.lit(getattr(actor, "pk", None), dtype=pl.Int64).alias("requested_by_id"),
        pl.lit(scope_code, dtype=pl.String).alias("requested_region_id"),
        pl.struct(PROPOSED).struct.json_encode().alias("proposed"),
        pl.lit(MoveStatus.PENDING.value).alias("status"),
        pl.lit(stamp).alias("created_at"),
    )
    copy_rows(MOVE_TABLE, requests.columns, requests)
    audit_record(
        actor=actor,
        action="worker.move.request",
        obj=None,
        region_code=scope_code or "",
        summary={"requests": requests.height},
    )
    # The deciding side: one event per regency its workers live in, a loop over regions, not rows.
    regencies = requests.group_by(pl.col("from_region_id").str.slice(0, 5).alias("regency")).len().sort("regency")
    for regency, count in regencies.iter_rows():
        audit_record(
            actor=actor,
            action="worker.move.request",
            obj=None,
            region_code=regency,
            summary={"requests": count, "to_region": scope_code or ""},
        )
    return requests.height
