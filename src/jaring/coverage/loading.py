"""Loading BPJS's participant counts and the denominators from CSV: all or nothing per file, a reason for
every bad row in Indonesian, and idempotent (a row replaces the earlier value of the same region,
month or period, segment or kind, and source)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from jaring.audit.services import audit_record
from jaring.coverage.models import Denominator, DenominatorKind, ParticipantCount, Segment
from jaring.regions.codes import InvalidRegionCode, normalize_region_code
from jaring.regions.models import Region

MAX_ERRORS = 50
PARTICIPANT_COLUMNS = ("region_code", "month", "segment", "participants", "source")
DENOMINATOR_COLUMNS = ("region_code", "period", "kind", "value", "source")
YES = {"1", "ya", "y", "yes", "true", "perkiraan", "estimate"}


class CoverageRefused(ValueError):
    def __init__(self, code: str, message: str, rows: list[str] | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.rows = rows or []


@dataclass
class LoadResult:
    rows: int
    created: int
    replaced: int
    errors: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"rows": self.rows, "created": self.created, "replaced": self.replaced}


def read_columns(path: Path, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> pl.DataFrame:
    """A coverage CSV as text: the required columns (refused whole when one is missing or the file has no row),
    the optional ones ("" where the file has none), trimmed, with each row's line number in the file."""
    try:
        frame = pl.read_csv(path, infer_schema=False, truncate_ragged_lines=False)
    except (pl.exceptions.PolarsError, UnicodeDecodeError, OSError) as exc:
        raise CoverageRefused("FILE.UNREADABLE", f"Berkas {path.name} tidak dapat dibaca sebagai CSV.") from exc
    frame = frame.rename({c: c.strip().lower() for c in frame.columns})
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise CoverageRefused("FILE.COLUMNS", f"Kolom wajib tidak ada: {', '.join(missing)}.")
    if frame.is_empty():
        raise CoverageRefused("FILE.EMPTY", "Berkas tidak berisi baris data.")
    frame = frame.with_columns(pl.lit("").alias(c) for c in optional if c not in frame.columns)
    keep = (*required, *optional)
    return frame.select(pl.col(c).str.strip_chars().fill_null("") for c in keep).with_row_index("line", offset=2)


def _regions(codes: set[str]) -> dict[str, str | None]:
    """Each raw code → its dotted form when the region exists ("" stays Indonesia), else None."""
    dotted: dict[str, str | None] = {}
    for raw in codes:
        if raw == "":
            dotted[raw] = ""
            continue
        try:
            dotted[raw] = normalize_region_code(raw)
        except InvalidRegionCode:
            dotted[raw] = None
    known = set(Region.objects.filter(code__in=[c for c in dotted.values() if c]).values_list("code", flat=True))
    return {raw: (c if c == "" or c in known else None) for raw, c in dotted.items()}


def _month(text: str, today: date) -> tuple[date | None, str]:
    if not re.fullmatch(r"\d{4}-\d{2}", text or ""):
        return None, f"bulan {text!r} tidak sesuai format YYYY-MM"
    year, month = int(text[:4]), int(text[5:])
    if not 1 <= month <= 12 or year < 2000:
        return None, f"bulan {text!r} tidak ada"
    first = date(year, month, 1)
    if first > today.replace(day=1):
        return None, f"bulan {first:%m/%Y} belum terjadi"
    return first, ""


def _count(text: str, *, positive: bool) -> tuple[int | None, str]:
    cleaned = (text or "").replace(".", "").replace(",", "").replace(" ", "")
    if not re.fullmatch(r"-?\d+", cleaned):
        return None, f"jumlah {text!r} bukan bilangan bulat"
    value = int(cleaned)
    if value < 0:
        return None, "jumlah tidak boleh negatif"
    if positive and value == 0:
        return None, "penyebut tidak boleh nol"
    return value, ""


def _duplicates(frame: pl.DataFrame, key: list[str]) -> list[str]:
    repeated = frame.filter(pl.len().over(key) > 1).group_by(key, maintain_order=True).agg(pl.col("line"))
    return [
        f"baris {', '.join(str(n) for n in lines)}: baris yang sama muncul lebih dari sekali dalam berkas"
        for lines in repeated.get_column("line").to_list()
    ]


def _finish(errors: list[str]) -> None:
    if errors:
        shown = errors[:MAX_ERRORS]
        more = f" (dan {len(errors) - MAX_ERRORS} lainnya)" if len(errors) > MAX_ERRORS else ""
        raise CoverageRefused("FILE.ROWS", f"{len(errors)} baris ditolak; tidak ada yang dimuat{more}.", shown)


# A file's own fields of one row: (model fields, problems); the loader adds region, source and estimate.
RowReader = Callable[[dict[str, Any]], tuple[dict[str, Any], list[str]]]


def _load(
    *, actor: Any, path: Path, columns: tuple[str, ...], model: Any, key: list[str], case: pl.Expr, action: str,
    fields: RowReader,
) -> LoadResult:  # fmt: skip
    """The shared shape of both files: every row checked (its region, its own fields, its source), every
    problem reported with its line, repeated rows refused, then all rows saved or none."""
    frame = read_columns(path, columns, ("estimate",))
    regions = _regions(set(frame.get_column("region_code").to_list()))
    errors: list[str] = []
    rows = []
    now = timezone.now()
    for record in frame.iter_rows(named=True):
        region = regions.get(record["region_code"] or "")
        own, problems = fields(record)
        if region is None:
            problems.insert(0, f"kode wilayah {record['region_code']!r} tidak dikenal")
        if not record["source"]:
            problems.append("sumber wajib diisi")
        if problems:
            errors.append(f"baris {record['line']}: " + "; ".join(problems))
            continue
        estimate = (record.get("estimate") or "").lower() in YES
        rows.append(model(**own, region_code=region, source=record["source"][:500], estimate=estimate, loaded_at=now))
    errors += _duplicates(frame.with_columns(case), key)
    _finish(errors)
    return _save(actor, model, rows, key, action, path)


def participants_load(*, actor: Any, path: Path, today: date | None = None) -> LoadResult:
    today = today or timezone.localdate()

    def fields(record: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        problems = []
        month, why = _month(record["month"], today)
        if why:
            problems.append(why)
        segment = (record["segment"] or "").upper()
        if segment not in Segment.values:
            problems.append(f"segmen {record['segment']!r} bukan PU, BPU, JAKON atau PMI")
        count, why = _count(record["participants"], positive=False)
        if why:
            problems.append(why)
        return {"month": month, "segment": segment, "participants": count}, problems

    return _load(
        actor=actor, path=path, columns=PARTICIPANT_COLUMNS, model=ParticipantCount,
        key=["region_code", "month", "segment", "source"], case=pl.col("segment").str.to_uppercase(),
        action="coverage.participants.load", fields=fields,
    )  # fmt: skip


def denominators_load(*, actor: Any, path: Path, today: date | None = None) -> LoadResult:
    today = today or timezone.localdate()

    def fields(record: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        problems = []
        period = record["period"] or ""
        starts: date | None = None
        if re.fullmatch(r"\d{4}", period) and 2000 <= int(period) <= today.year:
            starts = date(int(period), 1, 1)
        else:
            starts, why = _month(period, today)
            if why:
                problems.append(f"periode {period!r} harus YYYY atau YYYY-MM dan sudah terjadi")
        kind = (record["kind"] or "").lower()
        if kind not in DenominatorKind.values:
            problems.append(f"jenis {record['kind']!r} tidak dikenal ({', '.join(DenominatorKind.values)})")
        value, why = _count(record["value"], positive=True)
        if why:
            problems.append(why)
        return {"period": period, "starts": starts, "kind": kind, "value": value}, problems

    return _load(
        actor=actor, path=path, columns=DENOMINATOR_COLUMNS, model=Denominator,
        key=["region_code", "period", "kind", "source"], case=pl.col("kind").str.to_lowercase(),
        action="coverage.denominators.load", fields=fields,
    )  # fmt: skip


def _save(actor: Any, model: Any, rows: list[Any], key: list[str], action: str, path: Path) -> LoadResult:
    """Replaces the rows of the same key, in one transaction: all or nothing."""
    with transaction.atomic():
        existing = 0
        # The file's own keys, a few hundred to a query (an OR of exact matches, never a wider delete).
        for start in range(0, len(rows), 400):
            match = Q()
            for row in rows[start : start + 400]:
                match |= Q(**{k: getattr(row, k) for k in key})
            existing += model.objects.filter(match).delete()[0]
        model.objects.bulk_create(rows, batch_size=2_000)
        audit_record(
            actor=actor, action=action, obj=None, region_code="",
            summary={"file": path.name, "rows": len(rows), "replaced": existing},
        )  # fmt: skip
    return LoadResult(rows=len(rows), created=len(rows) - existing, replaced=existing)
