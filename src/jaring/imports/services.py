"""Importing workers: one path for the CLI, the web page and the API.

`prepare` (pure, Polars) reads, normalises, validates and dedupes the file; this module resolves
what needs the database (the user's regions, the occupation catalogue), commits the valid rows
set-based through the registry, and writes the failure report.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from jaring.imports.pipeline import prepare
from jaring.imports.report import write_report
from jaring.regions.models import Region
from jaring.registry.bulk import FRAME_SCHEMA, BulkResult, workers_bulk_upsert
from jaring.registry.models import SourceBatch
from jaring.registry.names import search_name_expr
from jaring.registry.occupations import alias_table

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
    committed: bool = False

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("committed")
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
) -> ImportSummary:
    started = time.perf_counter()
    notify: ProgressFn = progress or (lambda stage, done, total: None)
    prepared = prepare(
        path,
        reference_date=timezone.localdate(),
        regions=regions_frame(scope_code),
        scope_code=scope_code or "",
        progress=notify,
    )
    summary = ImportSummary(
        rows=prepared.rows,
        rejected=prepared.rejected.height,
        duplicates_in_file=prepared.duplicates_in_file,
        warnings=prepared.warnings,
        errors_by_rule=dict(prepared.errors_by_rule),
    )
    frame = _registry_frame(prepared.valid, source)
    rejected = prepared.rejected
    del prepared  # the accepted rows live on in `frame`; the rest of them is not needed any more
    hold_back = dry_run or (strict and summary.rejected > 0)
    # Announced before the transaction: inside it, progress is invisible to other processes.
    notify("registry", 0, frame.height)
    try:
        with transaction.atomic():
            batch = SourceBatch.objects.create(
                source=source,
                file_name=original_name or path.name,
                region_id=scope_code or None,
                created_by=actor if getattr(actor, "pk", None) else None,
                created_at=timezone.now(),
            )
            result = workers_bulk_upsert(actor=actor, batch=batch, frame=frame, progress=notify)
            if hold_back:
                raise _Rollback(result)
    except _Rollback as rollback:
        result = rollback.result
    summary.created, summary.updated, summary.unchanged = result.created, result.updated, result.unchanged
    summary.possible_duplicates = result.possible_duplicates
    summary.committed = not hold_back
    if report_path is not None and summary.rejected:
        notify("report", 0, summary.rejected)
        write_report(rejected, report_path, errors_by_rule=summary.errors_by_rule)
        summary.report = str(report_path)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary
