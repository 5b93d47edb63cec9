"""Published coverage rates (``../shared/data/coverage-reported.csv``): loaded all or nothing with a reason
for every bad row in Indonesian, each rate recomputed from the counts printed with it and flagged when the
two do not agree (rules/coverage_published.py), and read back per region for the page and its export."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
from django.db.models import Q
from django.utils import timezone

from jaring.coverage.loading import (
    LoadResult,
    _count,
    _duplicates,
    _finish,
    _month,
    _regions,
    _save,
    read_columns,
)
from jaring.coverage.models_published import PublishedFigure, PublishedSegment
from jaring.regions.models import Region
from jaring.rules.coverage_published import PublishedRateUnreadable, published_compare, published_rate

REQUIRED = ("region_code", "period", "segment", "reported_coverage", "source")
OPTIONAL = ("region_name", "participants", "potential", "note")
KEY = ["region_code", "period", "segment", "source"]
# The shared file writes "same" for "the source of the row above".
SAME = ("same", "sama", "idem")
SEGMENT_ORDER = {s: i for i, s in enumerate(("TOTAL", "PU", "BPU", "JAKON", "PMI"))}


@dataclass
class PublishedLoad(LoadResult):
    flagged: int = 0

    def as_json(self) -> dict[str, Any]:
        return super().as_json() | {"flagged": self.flagged}


def _read(path: Path) -> pl.DataFrame:
    frame = read_columns(path, REQUIRED, OPTIONAL)
    said = pl.col("source")
    return frame.with_columns(
        pl.when(said.str.to_lowercase().is_in(SAME)).then(None).otherwise(said).forward_fill().alias("source"),
        pl.col("segment").str.to_uppercase(),
    )


def _same_name(printed: str, ours: str) -> bool:
    """The file's name of the region against ours: "Kab." is Kabupaten, a province may say "Provinsi";
    Kabupaten and Kota Tegal stay different names."""

    def plain(name: str) -> str:
        name = re.sub(r"\s+", " ", name.lower().replace("kab.", "kabupaten ")).strip()
        return name.removeprefix("provinsi ")

    return not printed or plain(printed) == plain(ours)


def _period(text: str, today: date) -> tuple[date | None, str]:
    if re.fullmatch(r"\d{4}", text) and 2000 <= int(text) <= today.year:
        return date(int(text), 1, 1), ""
    starts, why = _month(text, today)
    return starts, (f"periode {text!r} harus YYYY atau YYYY-MM dan sudah terjadi" if why else "")


def _optional_count(text: str, *, positive: bool) -> tuple[int | None, str]:
    return (None, "") if not text else _count(text, positive=positive)


def _figure(record: dict[str, Any], today: date) -> tuple[dict[str, Any], list[str]]:
    problems = []
    starts, why = _period(record["period"], today)
    problems += [why] if why else []
    if record["segment"] not in PublishedSegment.values:
        problems.append(f"segmen {record['segment']!r} bukan PU, BPU, JAKON, PMI atau TOTAL")
    participants, why = _optional_count(record["participants"], positive=False)
    problems += [f"peserta: {why}"] if why else []
    potential, why = _optional_count(record["potential"], positive=True)
    problems += [f"penyebut: {why}"] if why else []
    try:
        rate = published_rate(record["reported_coverage"])
    except PublishedRateUnreadable as exc:
        problems.append(str(exc))
        return {}, problems
    if problems:
        return {}, problems
    compared = published_compare(participants, potential, rate)
    return {
        "period": record["period"], "starts": starts, "segment": record["segment"],
        "participants": participants, "potential": potential, "reported": rate.value,
        "reported_places": rate.places, "recomputed": compared.recomputed, "difference": compared.difference,
        "flagged": compared.flagged, "note": record["note"][:500],
    }, []  # fmt: skip


def published_load(*, actor: Any, path: Path, today: date | None = None) -> PublishedLoad:
    """Every row checked and recomputed, then all saved (replacing the same region, period, segment and
    source) or none, with one audit event."""
    today = today or timezone.localdate()
    frame = _read(path)
    regions = _regions(set(frame.get_column("region_code").to_list()))
    names = dict(Region.objects.filter(code__in=[c for c in regions.values() if c]).values_list("code", "name"))
    names[""] = "Indonesia"
    errors: list[str] = []
    rows = []
    now = timezone.now()
    for record in frame.iter_rows(named=True):
        code = regions.get(record["region_code"])
        own, problems = _figure(record, today)
        if code is None:
            problems.insert(0, f"kode wilayah {record['region_code']!r} tidak dikenal")
        elif not _same_name(record["region_name"], names[code]):
            problems.insert(0, f"nama wilayah {record['region_name']!r} tidak sesuai kode {code} ({names[code]})")
        if not record["source"]:
            problems.append("sumber wajib diisi")
        if problems or code is None:
            errors.append(f"baris {record['line']}: " + "; ".join(problems))
            continue
        rows.append(PublishedFigure(**own, region_code=code, source=record["source"][:500], loaded_at=now))
    dotted = {raw: c for raw, c in regions.items() if c is not None}
    errors += _duplicates(frame.with_columns(pl.col("region_code").replace(dotted)), KEY)
    _finish(errors)
    saved = _save(actor, PublishedFigure, rows, KEY, "coverage.published.load", path)
    return PublishedLoad(
        rows=saved.rows, created=saved.created, replaced=saved.replaced, flagged=sum(r.flagged for r in rows)
    )


@dataclass(frozen=True)
class PublishedRow:
    figure: PublishedFigure
    region_name: str

    @property
    def source_url(self) -> str:
        return self.figure.source if re.match(r"https?://", self.figure.source) else ""

    @property
    def source_site(self) -> str:
        """The site's name for a link's text: a whole address is too wide for a table cell."""
        if not self.source_url:
            return self.figure.source
        host = re.sub(r"^https?://", "", self.figure.source).split("/")[0]
        return host.removeprefix("www.")


def published_for_region(code: str) -> list[PublishedRow]:
    """The figures of a region and every region inside it ("" : all of them), the region first, then by
    code, the latest period first."""
    figures = PublishedFigure.objects.all()
    if code:
        figures = figures.filter(Q(region_code=code) | Q(region_code__startswith=f"{code}."))
    found = list(figures)
    names = dict(Region.objects.filter(code__in={f.region_code for f in found}).values_list("code", "name"))
    names[""] = "Indonesia"
    found.sort(key=lambda f: (f.region_code, -f.starts.toordinal(), SEGMENT_ORDER.get(f.segment, 9), f.source))
    return [PublishedRow(f, names.get(f.region_code, f.region_code)) for f in found]
