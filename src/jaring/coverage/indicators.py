"""Coverage figures for a region and month, each with its numerator, denominator and where both come from.

No double counting (ADR 0014): BPJS's participant counts already include the BPU workers Jaring's
programmes sponsor once BPJS activates them, so Jaring's own count is reported beside them as SPONSORED
and never added. A region without its own BPJS row takes the sum of its child regions' rows for the
month; denominators are never summed or carried down: the latest at or before the month for the region
itself, or "tidak tersedia".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum

from jaring.coverage.models import Aggregate, Denominator, ParticipantCount, RegionTarget
from jaring.funding.models import Programme
from jaring.rules.coverage import (
    INDICATORS,
    JARING_TERMS,
    NATIONAL,
    SEGMENTS,
    Indicator,
    TargetPoint,
    category,
    indicator_value,
    target_on,
)
from jaring.rules.table import month_end


@dataclass(frozen=True)
class Found:
    value: int
    period: str
    source: str
    estimate: bool


@dataclass(frozen=True)
class Figure:
    indicator: Indicator
    value: Decimal | None
    numerator: int | None
    denominator: Found | None
    numerator_source: str
    estimate: bool
    target: Decimal | None
    target_source: str

    @property
    def gap(self) -> Decimal | None:
        if self.value is None or self.target is None:
            return None
        return self.target - self.value

    @property
    def category(self) -> str:
        found = category(self.value) if self.indicator.code == "UCJ" else None
        return found.name_id if found else ""

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.indicator.code,
            "value": None if self.value is None else str(self.value),
            "numerator": self.numerator,
            "denominator": self.denominator.value if self.denominator else None,
            "denominator_kind": self.indicator.denominator,
            "denominator_period": self.denominator.period if self.denominator else None,
            "source": "; ".join(
                s for s in (self.numerator_source, self.denominator.source if self.denominator else "") if s
            ),
            "target": None if self.target is None else str(self.target),
            "gap": None if self.gap is None else str(self.gap),
        }


def _children(code: str) -> str:
    return f"{code}." if code else ""


def participants(region_code: str, month: date) -> dict[str, Found]:
    """BPJS's active participants per segment: the region's own rows, else the sum of its child regions'."""
    rows = ParticipantCount.objects.filter(month=month)
    own = {r.segment: r for r in rows.filter(region_code=region_code).order_by("loaded_at")}
    found = {s: Found(r.participants, f"{month:%Y-%m}", r.source, r.estimate) for s, r in own.items()}
    depth = region_code.count(".") + 1 if region_code else 0
    children = rows.filter(region_code__startswith=_children(region_code)).exclude(region_code=region_code)
    for segment in SEGMENTS:
        if segment in found:
            continue
        direct = [
            r
            for r in children.filter(segment=segment)
            if r.region_code.count(".") == depth or (not region_code and "." not in r.region_code)
        ]
        if direct:
            total = sum(r.participants for r in direct)
            sources = "; ".join(sorted({r.source for r in direct}))
            found[segment] = Found(
                total, f"{month:%Y-%m}", f"jumlah wilayah di bawahnya: {sources}", any(r.estimate for r in direct)
            )
    return found


def denominator(region_code: str, kind: str, month: date) -> Found | None:
    row = (
        Denominator.objects.filter(region_code=region_code, kind=kind, starts__lte=month_end(month))
        .order_by("-starts", "-loaded_at")
        .first()
    )
    return Found(row.value, row.period, row.source, row.estimate) if row else None


def jaring_terms(region_code: str, month: date) -> dict[str, int]:
    """Jaring's own figures of ``JARING_TERMS`` for the region: the month's from the aggregates, the year's
    up to and including the month summed from them, and the budgets of the region's programmes that start
    in the year (two queries, whatever the region's size)."""
    terms = dict.fromkeys(JARING_TERMS, 0)
    year = Aggregate.objects.filter(region_code=region_code, month__gte=month.replace(month=1), month__lte=month)
    for row in year.values("month").annotate(
        s=Sum("sponsored"), la=Sum("lapsed"), p=Sum("proposed"), a=Sum("accepted"), b=Sum("funnel_billed"),
        amount=Sum("billed_amount"),
    ):  # fmt: skip
        if row["month"] == month:
            terms["sponsored"], terms["lapsed"] = int(row["s"]), int(row["la"])
        terms["worker_months_ytd"] += int(row["s"])
        terms["proposed_ytd"] += int(row["p"])
        terms["accepted_ytd"] += int(row["a"])
        terms["funnel_billed_ytd"] += int(row["b"])
        terms["billed_amount_ytd"] += int(row["amount"])
    programmes = Programme.objects.filter(start__year=month.year, budget__isnull=False)
    if region_code:
        programmes = programmes.filter(Q(region_id=region_code) | Q(region__code__startswith=f"{region_code}."))
    terms["budget"] = int(programmes.aggregate(n=Sum("budget"))["n"] or 0)
    return terms


def _jaring_found(term: str, value: int, month: date) -> Found:
    period = {"month": f"{month:%Y-%m}", "ytd": f"{month:%Y}-01 s.d. {month:%Y-%m}", "year": f"{month:%Y}"}
    return Found(value, period[JARING_TERMS[term][2]], "Jaring", False)


def target_points(region_code: str) -> tuple[TargetPoint, ...]:
    """The RPJMD targets of the region, or of the nearest regency or province above it that entered any (a
    district or village follows its regency's), else the national trajectory. One query."""
    parts = region_code.split(".")
    codes = [".".join(parts[:k]) for k in range(1, len(parts) + 1)] if region_code else []
    found = list(RegionTarget.objects.filter(region_id__in=codes).order_by("year"))
    if not found:
        return NATIONAL
    nearest = max(len(t.region_id) for t in found)
    return tuple(TargetPoint(t.year, t.value, t.citation) for t in found if len(t.region_id) == nearest)


def region_target(region_code: str, month: date) -> tuple[Decimal, str] | None:
    """The target for the month, interpolated between the region's points (or the national ones)."""
    return target_on(month, target_points(region_code))


def region_figures(region_code: str, month: date) -> list[Figure]:
    counts = participants(region_code, month)
    target = region_target(region_code, month)
    own = jaring_terms(region_code, month)
    figures = []
    for indicator in INDICATORS:
        if indicator.numerator in JARING_TERMS:
            n: int | None = own[indicator.numerator]
            sources, estimate = "Jaring", False
        else:
            parts = [counts.get(s) for s in indicator.numerator.split("+")]
            n = sum(p.value for p in parts if p) if all(parts) else None
            sources = "; ".join(sorted({p.source for p in parts if p}))
            estimate = any(p.estimate for p in parts if p)
        below: Found | None = None
        if indicator.denominator in JARING_TERMS:
            below = _jaring_found(indicator.denominator, own[indicator.denominator], month)
        elif indicator.denominator:
            below = denominator(region_code, indicator.denominator, month)
        value = indicator_value(indicator, n, below.value if below else None)
        goal = target if indicator.code == "UCJ" and target else None
        figures.append(
            Figure(
                indicator=indicator,
                value=value,
                numerator=n,
                denominator=below,
                numerator_source=sources,
                estimate=estimate or bool(below and below.estimate),
                target=goal[0] if goal else None,
                target_source=goal[1] if goal else "",
            )
        )
    return figures
