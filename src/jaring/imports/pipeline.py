"""``prepare``: file in, valid and rejected frames out, with no database of its own (the caller's ``screen``
may consult one: the import service checks known NIKs against the importer's region there).

read (reader) -> normalise -> validate (schema) -> resolve villages -> dedupe within the file.
Every non-blank data row ends in exactly one of: ``valid``, ``rejected``, or the in-file duplicates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from .dedupe import first_of_key
from .normalise import normalise
from .reader import ROW, Limits, read_table
from .schema import REASON, RULE, WARNINGS, count_by_rule, resolve_villages, validate

Progress = Callable[[str, int, int], None]
# Given the valid rows, returns (``__row``, ``__rule``, ``__reason``) of those to reject after all: the import
# service's check of known NIKs against the registry, made while the rows' original cells are still at hand.
Screen = Callable[[pl.DataFrame], pl.DataFrame]

# The valid frame handed to the registry's bulk upsert: exactly these columns, in this order.
VALID_SCHEMA: dict[str, pl.DataType] = {
    ROW: pl.Int64(),
    "nik": pl.String(),
    "name": pl.String(),
    "sex": pl.String(),
    "birth_place": pl.String(),
    "birth_date": pl.Date(),
    "address": pl.String(),
    "village_code": pl.String(),
    "village_name": pl.String(),
    "district_name": pl.String(),
    "occupation": pl.String(),
    "income": pl.Int64(),
    "phone": pl.String(),
    "decile": pl.Int64(),
    "source": pl.String(),
    WARNINGS: pl.List(pl.String()),
}


@dataclass(frozen=True, slots=True)
class Prepared:
    """``valid``: ``VALID_SCHEMA``, one row per NIK, in file order. ``rejected``: the original cells (String
    columns named by ``columns``) plus ``__row``, ``__rule``, ``__reason``, in file order. ``duplicates``:
    ``__row``, ``nik``, ``kept_row`` for each later row repeating a NIK."""

    rows: int
    valid: pl.DataFrame
    rejected: pl.DataFrame
    duplicates: pl.DataFrame
    errors_by_rule: dict[str, int]
    columns: tuple[str, ...]
    header_row: int
    sheet: str | None
    unknown_columns: tuple[str, ...]
    blank_rows: int
    warned: pl.DataFrame
    footer_rows: int = 0

    @property
    def duplicates_in_file(self) -> int:
        return self.duplicates.height

    @property
    def warnings(self) -> int:
        """Accepted rows with at least one warning."""
        return self.valid.filter(pl.col(WARNINGS).list.len() > 0).height


def _quiet(stage: str, done: int, total: int) -> None:
    return None


def prepare(
    path: str | Path,
    *,
    reference_date: date,
    regions: pl.DataFrame,
    scope_code: str,
    progress: Progress | None = None,
    screen: Screen | None = None,
    limits: Limits | None = None,
) -> Prepared:
    """Read, normalise, validate and dedupe a worker file. Raises ``FileRejected`` for a file that cannot be
    imported at all (no header row, no village column, unreadable)."""
    notify = progress or _quiet
    notify("read", 0, 0)
    table = read_table(path, limits=limits)
    rows = table.frame.height
    notify("read", rows, rows)

    notify("normalise", 0, rows)
    normalised = normalise(table, reference_date=reference_date)
    notify("normalise", rows, rows)

    notify("validate", 0, rows)
    checked = validate(normalised, reference_date=reference_date)
    broken = checked.rejected.select(ROW, RULE, REASON)
    located = resolve_villages(checked.valid, regions, scope_code)
    del normalised, checked
    ok = located.get_column(RULE).is_null()
    misplaced = located.filter(~ok).select(ROW, RULE, REASON)
    notify("validate", rows, rows)

    notify("dedupe", 0, rows)
    nik = located.select(first_of_key(pl.when(ok).then(pl.col("nik")))).to_series()
    # One copy of the accepted rows, narrowed first. A blank sex or birth date is taken from the NIK, which is
    # valid on every accepted row.
    accepted = located.with_columns(
        pl.coalesce("sex", "nik_sex").alias("sex"),
        pl.coalesce("birth_date", "nik_birth_date").alias("birth_date"),
        pl.col("village_resolved").alias("village_code"),
    ).select([pl.col(name).cast(dtype) for name, dtype in VALID_SCHEMA.items()])
    valid = accepted.filter(ok & nik)
    repeats = accepted.filter(ok & ~nik).select(ROW, "nik")
    duplicates = repeats.join(
        valid.select(ROW, "nik").rename({ROW: "kept_row"}), on="nik", how="left", maintain_order="left"
    )
    del located, accepted
    notify("dedupe", rows, rows)

    screened = screen(valid).select(ROW, RULE, REASON) if screen is not None else broken.clear()
    if screened.height:
        valid = valid.filter(~pl.col(ROW).is_in(screened.get_column(ROW).implode()))
    failures = pl.concat([broken, misplaced, screened])
    originals = table.frame.select(ROW, *table.columns)
    rejected = originals.join(failures, on=ROW, how="inner").sort(ROW)
    # Accepted rows the user should still look at: what was warned about, and which repeat of a NIK was dropped.
    warned = originals.join(
        valid.filter(pl.col(WARNINGS).list.len() > 0).select(ROW, WARNINGS), on=ROW, how="inner"
    ).sort(ROW)
    duplicates = duplicates.select(ROW, "kept_row").join(originals, on=ROW, how="left", maintain_order="left")
    return Prepared(
        rows=rows,
        valid=valid,
        rejected=rejected,
        duplicates=duplicates,
        errors_by_rule=count_by_rule(rejected),
        columns=table.columns,
        header_row=table.header_row,
        sheet=table.sheet,
        unknown_columns=table.mapping.unknown,
        blank_rows=table.blank_rows,
        warned=warned,
        footer_rows=table.footer_rows,
    )
