"""Importing workers: one path for the CLI, the web page and the API.

`prepare` (pure, Polars) reads, normalises, validates and dedupes the file; this module resolves
what needs the database (the user's regions, the occupation catalogue), commits the valid rows
set-based through the registry, and writes the failure report.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from jaring.imports.examples import import_examples
from jaring.imports.headers import FileRejected
from jaring.imports.pipeline import prepare
from jaring.imports.reader import ROW, Limits
from jaring.imports.reasons import reasons
from jaring.imports.report import write_report
from jaring.imports.schema import NIK_OUT_OF_SCOPE, NIK_OUT_OF_SCOPE_MESSAGE, REASON, RULE, WARNINGS
from jaring.regions.models import Region
from jaring.registry.bulk import (
    FRAME_SCHEMA,
    BulkResult,
    in_scope,
    worker_moves_request,
    workers_bulk_upsert,
    workers_existing,
)
from jaring.registry.models import SourceBatch
from jaring.registry.names import search_name_expr
from jaring.registry.occupations import alias_table
from jaring.registry.worker_warnings import worker_warnings_record

ProgressFn = Callable[[str, int, int], None]


@dataclass
class ImportSummary:
    """The JSON the CLI prints and the API returns (issue 4: exact keys)."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    duplicates_in_file: int = 0
    possible_duplicates: int = 0
    warnings: int = 0
    errors_by_rule: dict[str, int] = field(default_factory=dict)
    report: str | None = None
    seconds: float = 0.0
    # Whether anything was kept: false for a dry run, a strict import with rejections, or a file with no
    # row to save (issue 8, finding 11: `--strict --json` printed "created": 1 when nothing was saved).
    committed: bool = False
    # Rows whose NIK is of a worker outside the importer's region, filed for that region to decide.
    move_requests: int = 0
    # Accepted rows whose possible-duplicate block was too large to compare (JARING_DUPLICATE_MAX_BLOCK_PAIRS).
    duplicate_check_skipped: int = 0
    # Trailing rows under the table with neither NIK nor birth date (signatures, totals): not data, not counted.
    skipped_footer_rows: int = 0
    # The first rows of each kind for the job page (``examples.import_examples``); stored with the job, never
    # part of the JSON, whose keys stay as they are.
    examples: dict[str, Any] = field(default_factory=dict, repr=False)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        del data["examples"]
        return data


class _Rollback(Exception):
    """Undoes a dry run or a strict import with rejections, after counting what it would do."""

    def __init__(self, result: BulkResult) -> None:
        super().__init__("rollback")
        self.result = result


def regions_frame(scope_code: str | None) -> pl.DataFrame:
    """Districts and villages the importing user may address, for name and code resolution."""
    qs = Region.objects.filter(level__in=(3, 4))
    if scope_code:
        # A village operator's scope is the village itself; its district is kept for name matching.
        district = scope_code[:8] if scope_code.count(".") == 3 else None
        qs = qs.filter(Q(code=scope_code) | Q(code__startswith=f"{scope_code}.") | Q(code=district or ""))
    rows = list(qs.values_list("code", "level", "parent_id", "match_name"))
    return pl.DataFrame(
        rows,
        schema={"code": pl.String, "level": pl.Int64, "parent_code": pl.String, "match_name": pl.String},
        orient="row",
    )


def _warnings_frame(valid: pl.DataFrame) -> pl.DataFrame:
    """``nik``, ``code``, ``reason``: one row per warning of an accepted row, for the worker to carry."""
    return (
        valid.filter(pl.col(WARNINGS).list.len() > 0)
        .select("nik", pl.col(WARNINGS).alias("code"))
        .explode("code")
        .with_columns(pl.col("code").replace_strict(reasons(), default=pl.col("code")).alias("reason"))
    )


def _registry_frame(valid: pl.DataFrame, source: str) -> pl.DataFrame:
    aliases = alias_table()
    occupation_key = pl.col("occupation").str.to_lowercase().str.strip_chars().str.replace_all(r"\s+", " ")
    return valid.select(
        pl.col("nik"),
        pl.col("name"),
        search_name_expr(pl.col("name")).alias("search_name"),
        pl.col("sex"),
        pl.col("birth_place").fill_null(""),
        pl.col("birth_date"),
        pl.col("address").fill_null(""),
        pl.col("village_code").alias("village_id"),
        occupation_key.replace_strict(aliases, default=None, return_dtype=pl.String).alias("occupation_id"),
        pl.col("occupation").fill_null("").alias("occupation_text"),
        pl.col("income").cast(pl.Int64),
        pl.col("phone").fill_null(""),
        pl.col("decile").cast(pl.Int64),
        pl.coalesce(pl.col("source").str.strip_chars().replace("", None), pl.lit(source)).alias("source"),
    ).cast(FRAME_SCHEMA)  # type: ignore[arg-type]


# SourceBatch.source, Worker.source and ImportJob.source are varchar(120); SourceBatch.file_name varchar(255).
SOURCE_MAX, FILE_NAME_MAX = 120, 255


def source_text(source: str) -> str:
    """A source label that fits its column: over 120 characters PostgreSQL refused it with a 500 (issue 8,
    finding 5). Callers that take a typed source refuse a long one with ``source_problem`` first; a label
    derived from a file name is shortened here."""
    source = source.strip()
    return source if len(source) <= SOURCE_MAX else source[: SOURCE_MAX - 1] + "…"


def source_problem(source: str) -> str | None:
    """The Indonesian message for a typed source that is too long, or None."""
    if len(source.strip()) > SOURCE_MAX:
        return f"Sumber data paling banyak {SOURCE_MAX} karakter (tertulis {len(source.strip())})."
    return None


def file_name_text(name: str) -> str:
    """A file name that fits SourceBatch.file_name, keeping its extension."""
    if len(name) <= FILE_NAME_MAX:
        return name
    suffix = Path(name).suffix[:10]
    return name[: FILE_NAME_MAX - len(suffix) - 1] + "…" + suffix


def report_folder_problem(report_path: Path | None) -> str | None:
    """Checked before any work: the report was written after the commit, so a missing folder failed late."""
    if report_path is None:
        return None
    folder = report_path.parent
    if not folder.is_dir():
        return f"Folder laporan {folder} tidak ada: buat dulu foldernya atau pilih --report lain."
    if not os.access(folder, os.W_OK):
        return f"Folder laporan {folder} tidak dapat ditulisi."
    return None


def import_limits() -> Limits:
    return Limits(
        max_rows=int(settings.JARING_IMPORT_MAX_ROWS),
        max_unpacked_bytes=int(settings.JARING_IMPORT_MAX_UNPACKED_MB) * 1024 * 1024,
    )


@dataclass
class _Found:
    """What the scope check found in the registry: kept for the upsert (no second lookup) and the move
    requests."""

    existing: pl.DataFrame | None = None
    moving: pl.DataFrame | None = None


def _scope_screen(scope_code: str | None, found: _Found) -> Callable[[pl.DataFrame], pl.DataFrame]:
    """Rejects, set-based, the rows whose NIK is of a registered worker outside ``scope_code`` (issue 8,
    finding 1). The reason names nothing of that worker; the rows' values are kept for a move request."""

    def screen(valid: pl.DataFrame) -> pl.DataFrame:
        existing = workers_existing(valid.get_column("nik"))
        inside = existing.select(in_scope("village_id", scope_code)).to_series()
        found.existing = existing.filter(inside)
        foreign = existing.filter(~inside).select(
            pl.col("id").alias("worker_id"), "nik", pl.col("village_id").alias("from_region_id")
        )
        del existing
        found.moving = valid.join(foreign, on="nik", how="inner", maintain_order="left")
        return found.moving.select(
            ROW, pl.lit(NIK_OUT_OF_SCOPE).alias(RULE), pl.lit(NIK_OUT_OF_SCOPE_MESSAGE).alias(REASON)
        )

    return screen


def import_workers(
    *,
    actor: Any,
    path: Path,
    scope_code: str | None,
    source: str,
    strict: bool = False,
    dry_run: bool = False,
    report_path: Path | None = None,
    original_name: str | None = None,
    progress: ProgressFn | None = None,
    job_id: uuid.UUID | None = None,
) -> ImportSummary:
    started = time.perf_counter()
    if problem := report_folder_problem(report_path):
        raise ValueError(problem)
    source = source_text(source)
    notify: ProgressFn = progress or (lambda stage, done, total: None)
    found = _Found()
    prepared = prepare(
        path,
        reference_date=timezone.localdate(),
        regions=regions_frame(scope_code),
        scope_code=scope_code or "",
        progress=notify,
        screen=_scope_screen(scope_code, found),
        limits=import_limits(),
    )
    if prepared.rows == 0:
        # A header row alone: nothing to check or save, and no empty SourceBatch left behind.
        raise FileRejected("FILE.NO_ROWS", "Berkas tidak berisi baris data: hanya ada judul kolom.")
    summary = ImportSummary(
        rows=prepared.rows,
        rejected=prepared.rejected.height,
        duplicates_in_file=prepared.duplicates_in_file,
        warnings=prepared.warnings,
        errors_by_rule=dict(prepared.errors_by_rule),
        skipped_footer_rows=prepared.footer_rows,
    )
    summary.examples = import_examples(
        columns=prepared.columns,
        rejected=prepared.rejected,
        warned=prepared.warned,
        duplicates=prepared.duplicates,
    )
    warned_workers = _warnings_frame(prepared.valid)
    frame = _registry_frame(prepared.valid, source)
    moving = found.moving if found.moving is not None and found.moving.height else None
    proposals = None
    if moving is not None:
        proposals = _registry_frame(moving, source).with_columns(moving.select("worker_id", "from_region_id"))
    rejected, warned, dropped = prepared.rejected, prepared.warned, prepared.duplicates
    found.moving = None
    del prepared  # the accepted rows live on in `frame`; the rest of them is not needed any more
    hold_back = dry_run or (strict and summary.rejected > 0)
    result = BulkResult(created=0, updated=0, unchanged=0, possible_duplicates=0)
    if frame.height or proposals is not None:
        # Announced before the transaction: inside it, progress is invisible to other processes.
        notify("registry", 0, frame.height)
        try:
            with transaction.atomic():
                if frame.height:
                    batch = SourceBatch.objects.create(
                        source=source,
                        file_name=file_name_text(original_name or path.name),
                        region_id=scope_code or None,
                        created_by=actor if getattr(actor, "pk", None) else None,
                        created_at=timezone.now(),
                        job_id=job_id,
                    )
                    result = workers_bulk_upsert(
                        actor=actor, batch=batch, frame=frame, progress=notify, existing=found.existing
                    )
                    renewed = found.existing.get_column("id") if found.existing is not None else pl.Series([])
                    worker_warnings_record(
                        batch_id=batch.pk, now=batch.created_at, warnings=warned_workers, renewed=renewed
                    )
                if proposals is not None and not hold_back:
                    summary.move_requests = worker_moves_request(actor=actor, scope_code=scope_code, rows=proposals)
                if hold_back:
                    raise _Rollback(result)
        except _Rollback as rollback:
            result = rollback.result
        summary.committed = not hold_back
    summary.created, summary.updated, summary.unchanged = result.created, result.updated, result.unchanged
    summary.possible_duplicates = result.possible_duplicates
    summary.duplicate_check_skipped = result.duplicate_check_skipped
    if report_path is not None and (summary.rejected or warned.height or dropped.height):
        notify("report", 0, summary.rejected + warned.height + dropped.height)
        write_report(rejected, report_path, errors_by_rule=summary.errors_by_rule, warned=warned, duplicates=dropped)
        summary.report = str(report_path)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary
