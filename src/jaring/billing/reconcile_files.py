"""Where a reconciliation run keeps its files: BPJS's list as it came and the matched findings.

Both hold NIKs and KPJ numbers: under var/ (outside the code tree), owner-only. The matched findings (most of a
list: a million rows a run for a national programme) are a Parquet file rather than database rows: nobody acts
on them, the report pages and exports them, and writing them as rows was most of a run's time (bench/RESULTS.md).
"""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl
from django.conf import settings


def reconciliation_dir(run_id: str) -> Path:
    return Path(settings.VAR_DIR) / "rekonsiliasi" / run_id


def private_dir(run_id: str) -> Path:
    folder = reconciliation_dir(run_id)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.chmod(0o700)
    return folder


def matched_path(run_id: str) -> Path:
    return reconciliation_dir(run_id) / "sesuai.parquet"


def matched_write(run_id: str, frame: pl.DataFrame) -> None:
    path = matched_path(run_id)
    private_dir(run_id)
    part = path.with_suffix(".part")
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        frame.write_parquet(out, row_group_size=50_000)
    part.replace(path)


def matched_read(run_id: str, offset: int = 0, limit: int | None = None) -> pl.DataFrame | None:
    """A slice of the matched findings, or None for a run that stored them as rows (before this file)."""
    path = matched_path(run_id)
    if not path.exists():
        return None
    return pl.scan_parquet(path).slice(offset, limit).collect()
