"""The planner: for a programme and its budget, exactly who is protected, in what order, and why not.

Set-based: the region's workers are read once into a Polars frame (one query, no ORM objects), every
eligibility rule is a column expression, the priority order one sort, village quotas one window. The
iuran of one worker comes from the rules engine (dated rates, the PP 50/2025 discount where its funder
rule lets it apply); every worker of a programme costs the same, so the budget buys a whole number of
workers for the whole period.

Who is already covered for the same months is the enrolment app's knowledge; funding sits below it, so
the caller passes those worker ids in (``covered``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from typing import Any

import polars as pl
from django.db import connection

from jaring.funding.models import RULES_FUNDER, Programme, ProgrammeSegment
from jaring.rules.budget import month_costs
from jaring.rules.money import ZERO
from jaring.rules.result import Result, RuleWarning

# Why a worker of the region is left out, in the order the checks apply; the first that holds is given.
REASONS = {
    "AGE.UNKNOWN": "Tanggal lahir tidak diketahui",
    "AGE.OVER_MAX": "Melewati usia maksimum pada tanggal mulai",
    "SEGMENT.OTHER": "Pekerjaannya termasuk segmen lain",
    "OCCUPATION.NOT_COVERED": "Pekerjaan tidak termasuk sasaran program",
    "DECILE.NOT_COVERED": "Desil kesejahteraan tidak termasuk sasaran program",
    "SOURCE.NOT_COVERED": "Sumber datanya bukan daftar yang dicakup program",
    "COVERED.ALREADY": "Sudah terlindungi pada bulan yang sama",
    "QUOTA.FULL": "Kuota desa sudah penuh",
    "BUDGET.EXHAUSTED": "Anggaran tidak cukup",
}
PRIORITY_KEYS = {
    "decile": "desil termiskin dahulu",
    "risk": "pekerjaan berisiko tinggi dahulu",
    "registered": "terdaftar paling lama dahulu",
    "age": "usia tertua dahulu",
}
RISK_ORDER = {"sangat-tinggi": 0, "tinggi": 1, "sedang": 2, "rendah": 3, "sangat-rendah": 4}
# The registry's segments a programme's segment takes (an unknown occupation is taken: most village
# lists say "buruh" or nothing).
SEGMENTS_TAKEN = {"bpu": {"bpu"}, "adhoc": {"bpu"}, "pu": {"pu"}}

SCHEMA = {
    "worker_id": pl.Int64,
    "village_id": pl.Utf8,
    "birth_date": pl.Utf8,
    "occupation_id": pl.Utf8,
    "risk_class": pl.Utf8,
    "segment": pl.Utf8,
    "decile": pl.Int64,
}


@dataclass(frozen=True)
class Quota:
    minimum: int = 0
    maximum: int | None = None


@dataclass(frozen=True)
class WhatIf:
    """The planner's inputs a user may change on the page without saving the programme."""

    budget: Decimal | None = None
    months: int | None = None
    package: str | None = None
    quotas: Mapping[str, Quota] | None = None


@dataclass(frozen=True)
class ProgrammePlan:
    months: int
    budget: Decimal | None
    month_results: tuple[Result, ...]
    selected: pl.DataFrame  # worker_id, village_id, in priority order
    left_out: pl.DataFrame  # worker_id, village_id, reason
    warnings: tuple[RuleWarning, ...] = field(default_factory=tuple)

    @property
    def workers(self) -> int:
        return self.selected.height

    @property
    def per_worker_months(self) -> tuple[Decimal, ...]:
        return tuple(r.total for r in self.month_results)

    @property
    def monthly_cost(self) -> Decimal:
        return self.workers * self.per_worker_months[0]

    @property
    def cost(self) -> Decimal:
        return self.workers * sum(self.per_worker_months, ZERO)

    @property
    def unspent(self) -> Decimal:
        return ZERO if self.budget is None else self.budget - self.cost

    def left_out_counts(self) -> dict[str, int]:
        counts = dict(self.left_out.group_by("reason").len().iter_rows())
        return {code: counts[code] for code in REASONS if code in counts}

    def as_json(self) -> dict[str, object]:
        from jaring.rules.money import decimal_string

        # Exactly the keys of the interface (`jaring plan programme --json`).
        return {
            "workers": self.workers,
            "months": self.months,
            "monthly_cost": decimal_string(self.monthly_cost),
            "cost": decimal_string(self.cost),
            "unspent": decimal_string(self.unspent),
            "left_out": self.left_out_counts(),
        }


def programme_months(programme: Programme) -> int:
    # An ad hoc term of days is billed in whole iuran months (ADHOC.BASIS: the month is the unit).
    if programme.months is not None:
        return int(programme.months)
    return max(1, -(-int(programme.days or 0) // 30))


def main_funder(programme: Programme) -> str:
    """The rules' funder of the largest share (ties: the first made): it decides the payer and PP 50/2025."""
    shares = sorted(programme.sponsors.select_related("sponsor"), key=lambda s: (-s.share, s.pk))
    return RULES_FUNDER[shares[0].sponsor.kind] if shares else "apbd"


def candidates(region_code: str) -> pl.DataFrame:
    """Every worker whose village lies in the region, in one query."""
    # SQLite: a scan of the table beats the (village, name) index for a region that is much of it (each
    # index entry costs a lookup of its row: 0.41 s against 0.18 s for 100,000 workers), and a scan of
    # a national table of 5,000,000 stays under a second. PostgreSQL's planner chooses for itself.
    hint = " NOT INDEXED" if connection.vendor == "sqlite" else ""
    # The only interpolation is the fixed hint above.
    sql = (
        "SELECT w.id, w.village_id, CAST(w.birth_date AS TEXT), w.occupation_id, o.risk_class, o.segment, w.decile "  # noqa: S608
        f"FROM registry_worker w{hint} LEFT JOIN registry_occupation o ON o.code = w.occupation_id "
        "WHERE w.village_id >= %s AND w.village_id < %s"
    )
    frames = []
    with connection.cursor() as cursor:
        cursor.execute(sql, [f"{region_code}.", f"{region_code}/"])
        while rows := cursor.fetchmany(200_000):
            frames.append(pl.DataFrame(rows, schema=SCHEMA, orient="row"))
    if not frames:
        return pl.DataFrame(schema=SCHEMA | {"birth_date": pl.Date})
    return pl.concat(frames).with_columns(pl.col("birth_date").str.to_date("%Y-%m-%d", strict=False))


def _age_on(start: date) -> pl.Expr:
    born = pl.col("birth_date")
    before_birthday = (born.dt.month() > start.month) | ((born.dt.month() == start.month) & (born.dt.day() > start.day))
    return pl.lit(start.year) - born.dt.year() - before_birthday.cast(pl.Int32)


def _reason(programme: Programme) -> pl.Expr:
    taken = sorted(SEGMENTS_TAKEN[programme.segment])
    checks: list[tuple[str, pl.Expr]] = [
        ("AGE.UNKNOWN", pl.col("birth_date").is_null()),
        ("AGE.OVER_MAX", _age_on(programme.start) > programme.max_age),
        ("SEGMENT.OTHER", pl.col("segment").is_not_null() & ~pl.col("segment").is_in(taken)),
    ]
    if programme.occupations:
        checks.append(("OCCUPATION.NOT_COVERED", ~pl.col("occupation_id").is_in(list(programme.occupations))))
    if programme.deciles:
        deciles = [int(d) for d in programme.deciles]
        checks.append(("DECILE.NOT_COVERED", pl.col("decile").is_null() | ~pl.col("decile").is_in(deciles)))
    if programme.sources:
        checks.append(("SOURCE.NOT_COVERED", pl.col("in_roster").is_null()))
    checks.append(("COVERED.ALREADY", pl.col("covered")))
    expr: Any = pl.when(checks[0][1].fill_null(True)).then(pl.lit(checks[0][0]))
    for code, condition in checks[1:]:
        expr = expr.when(condition.fill_null(False)).then(pl.lit(code))
    result: pl.Expr = expr.otherwise(pl.lit(None, dtype=pl.Utf8))
    return result


def _priority(keys: Iterable[str]) -> list[pl.Expr]:
    order: list[pl.Expr] = []
    for key in keys:
        if key == "decile":
            order.append(pl.col("decile").fill_null(99))
        elif key == "risk":
            order.append(pl.col("risk_class").replace_strict(RISK_ORDER, default=9, return_dtype=pl.Int32))
        elif key == "age":
            order.append(pl.col("birth_date"))
        elif key == "registered":
            order.append(pl.col("worker_id"))
    return [*order, pl.col("worker_id")]


def roster_worker_ids(sources: Iterable[str]) -> list[int]:
    """Workers who came in through a list of these sources: created or changed by its batch, or listed in it
    unchanged (the history row every batch leaves); a worker's own source is only the first it came with."""
    names = list(sources)
    marks = ", ".join(["%s"] * len(names))
    sql = (
        f"SELECT w.id FROM registry_worker w WHERE w.source IN ({marks}) "  # noqa: S608 (placeholders only)
        f"UNION SELECT w.id FROM registry_worker w JOIN registry_sourcebatch b ON b.id = w.batch_id "
        f"WHERE b.source IN ({marks}) "
        f"UNION SELECT c.worker_id FROM registry_workerchange c JOIN registry_sourcebatch b ON b.id = c.batch_id "
        f"WHERE b.source IN ({marks})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, names * 3)
        return [row[0] for row in cursor.fetchall()]


def programme_quotas(programme: Programme) -> dict[str, Quota]:
    return {q.village_id: Quota(q.minimum, q.maximum) for q in programme.quotas.all()}


def plan_programme(
    programme: Programme,
    *,
    what_if: WhatIf | None = None,
    covered: Iterable[int] = (),
    frame: pl.DataFrame | None = None,
    prefer: Iterable[int] = (),
    roster: Iterable[int] | None = None,
) -> ProgrammePlan:
    """``prefer``: workers who come before the priority order (last year's members at a rollover).
    ``roster``: for a programme with ``sources``, the workers of those lists (default: read them)."""
    what_if = what_if or WhatIf()
    months = what_if.months or programme_months(programme)
    budget = what_if.budget if what_if.budget is not None else programme.budget
    quotas = what_if.quotas if what_if.quotas is not None else programme_quotas(programme)
    results = month_costs(
        months=months,
        on=programme.start,
        package=what_if.package or programme.package,
        income=programme.income,
        funder=main_funder(programme),
        segment="pu" if programme.segment == ProgrammeSegment.PU else "bpu",
        wage=programme.wage,
        ad_hoc=programme.segment == ProgrammeSegment.ADHOC,
    )
    per_worker = sum((r.total for r in results), ZERO)
    frame = candidates(programme.region_id) if frame is None else frame
    covered_ids = pl.DataFrame({"worker_id": list(covered)}, schema={"worker_id": pl.Int64}).unique()
    frame = frame.join(covered_ids.with_columns(covered=pl.lit(True)), on="worker_id", how="left")
    if programme.sources:
        listed = roster_worker_ids(programme.sources) if roster is None else list(roster)
        ids = pl.DataFrame({"worker_id": listed}, schema={"worker_id": pl.Int64}).unique()
        frame = frame.join(ids.with_columns(in_roster=pl.lit(True)), on="worker_id", how="left")
    preferred = pl.DataFrame({"worker_id": list(prefer)}, schema={"worker_id": pl.Int64}).unique()
    frame = frame.join(preferred.with_columns(preferred=pl.lit(0, pl.Int8)), on="worker_id", how="left")
    judged = frame.with_columns(_reason(programme).alias("reason"), pl.col("preferred").fill_null(1))
    out = judged.filter(pl.col("reason").is_not_null()).select("worker_id", "village_id", "reason")
    eligible = judged.filter(pl.col("reason").is_null()).sort(
        [pl.col("preferred"), *_priority(programme.priority or [])]
    )
    eligible = eligible.with_row_index("rank").with_columns(
        (pl.col("rank").cum_count().over("village_id")).alias("in_village")
    )
    if quotas:
        limits = pl.DataFrame(
            {
                "village_id": list(quotas),
                "q_min": [q.minimum for q in quotas.values()],
                "q_max": [q.maximum for q in quotas.values()],
            },
            schema={"village_id": pl.Utf8, "q_min": pl.Int64, "q_max": pl.Int64},
        )
        eligible = eligible.join(limits, on="village_id", how="left")
    else:
        eligible = eligible.with_columns(q_min=pl.lit(0, pl.Int64), q_max=pl.lit(None, pl.Int64))
    over_quota = pl.col("q_max").is_not_null() & (pl.col("in_village") > pl.col("q_max"))
    out = pl.concat([out, eligible.filter(over_quota).select("worker_id", "village_id", reason=pl.lit("QUOTA.FULL"))])
    # A village's minimum is served first, then everyone else in the priority order.
    ordered = eligible.filter(~over_quota).sort(
        [(pl.col("in_village") > pl.col("q_min").fill_null(0)).cast(pl.Int8), pl.col("rank")]
    )
    capacity = ordered.height
    if budget is not None:
        capacity = min(capacity, int((budget / per_worker).to_integral_value(rounding=ROUND_FLOOR)))
    selected = ordered.head(capacity).select("worker_id", "village_id")
    exhausted = ordered.slice(capacity).select("worker_id", "village_id", reason=pl.lit("BUDGET.EXHAUSTED"))
    warnings: dict[str, RuleWarning] = {}
    for result in results:
        for warning in result.warnings:
            warnings.setdefault(warning.code, warning)
    return ProgrammePlan(
        months=months,
        budget=budget,
        month_results=results,
        selected=selected,
        left_out=pl.concat([out, exhausted]),
        warnings=tuple(warnings.values()),
    )
