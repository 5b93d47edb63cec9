"""Warnings an import raised on the rows it kept, stored with each worker (issue 9), set-based.

Called inside the import's transaction right after ``workers_bulk_upsert``: the import's in-scope known workers
get their open warnings resolved (the file was checked again), then the rows' current warnings are stored
against the workers by NIK through a staged table: no loop of ORM saves.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import polars as pl
from django.db import connection
from django.db.models import QuerySet

from jaring.registry.bulk import _as_db_text, _drop, _quote, copy_rows, temp_table
from jaring.registry.models import WorkerWarning

WARNING_TABLE = "registry_workerwarning"
WORKER_TABLE = "registry_worker"


def _stamp(now: datetime) -> str:
    return str(_as_db_text(pl.DataFrame({"birth_date": [None]}, schema={"birth_date": pl.Date}), now)["created_at"][0])


def _timestamp_type() -> str:
    return "timestamptz" if connection.vendor == "postgresql" else "text"


def worker_warnings_record(*, batch_id: int, now: datetime, warnings: pl.DataFrame, renewed: pl.Series) -> int:
    """``warnings``: ``nik``, ``code``, ``reason`` (one row per warning, NIKs of the import's own written
    rows, already scope-checked by it). ``renewed``: ids of known workers the import wrote again. Returns how
    many warnings were stored."""
    stamp = _stamp(now)
    if renewed.len():
        ids = temp_table([("id", "bigint")])
        try:
            copy_rows(ids, ["id"], renewed.to_frame("id"))
            cast = "::timestamptz" if connection.vendor == "postgresql" else ""
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {_quote(WARNING_TABLE)} SET resolved_at = %s{cast} "  # noqa: S608
                    f"WHERE resolved_at IS NULL AND worker_id IN (SELECT id FROM {_quote(ids)})",
                    [stamp],
                )
        finally:
            _drop(ids)
    if warnings.height == 0:
        return 0
    columns = [("nik", "varchar(16)"), ("code", "text"), ("reason", "text"), ("batch_id", "bigint")]
    stage = temp_table([*columns, ("created_at", _timestamp_type())])
    try:
        rows = warnings.select("nik", "code", "reason").with_columns(
            pl.lit(batch_id).alias("batch_id"), pl.lit(stamp).alias("created_at")
        )
        copy_rows(stage, rows.columns, rows)
        names = "worker_id, code, reason, batch_id, created_at"
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {_quote(WARNING_TABLE)} ({names}) "  # noqa: S608
                f"SELECT w.id, s.code, s.reason, s.batch_id, s.created_at "
                f"FROM {_quote(stage)} s JOIN {_quote(WORKER_TABLE)} w ON w.nik = s.nik"
            )
            return int(cursor.rowcount)
    finally:
        _drop(stage)


def warnings_open(worker_id: int) -> QuerySet[WorkerWarning]:
    """A worker's open warnings; the caller has already checked access to the worker."""
    return WorkerWarning.objects.filter(worker_id=worker_id, resolved_at__isnull=True).select_related("batch")


def workers_warned(worker_ids: Iterable[Any]) -> set[int]:
    """Which of these workers (a page of a list the caller scoped) have an open warning: one query."""
    ids = [pk for pk in worker_ids if pk is not None]
    if not ids:
        return set()
    found = WorkerWarning.objects.filter(worker_id__in=ids, resolved_at__isnull=True)
    return set(found.values_list("worker_id", flat=True).distinct())
