"""The dashboard's tables beside the indicators, read from the precomputed rows only (one query each):
sponsored workers by occupation (the largest few, the rest as "Lainnya") and by sponsor, and lapses per
month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Sum

from jaring.coverage.models import Aggregate, Breakdown, Dimension
from jaring.coverage.shown import Shown, shown

TOP_OCCUPATIONS = 8
OTHERS = "Lainnya"


@dataclass(frozen=True)
class Part:
    key: str
    label: str
    sponsored: Shown
    lapsed: Shown
    billed_amount: Decimal | None  # None: withheld with the count beside it (a flat iuran would give it away)


def breakdown(code: str, month: date, dimension: str, *, suppress: bool, top: int | None = None) -> list[Part]:
    """The region's rows of a dimension for the month, most sponsored first; beyond ``top`` summed as
    "Lainnya" (a sum under 5 is suppressed like any count)."""
    rows = list(
        Breakdown.objects.filter(region_code=code, month=month, dimension=dimension)
        .order_by("-sponsored", "-billed_amount", "label")
        .values_list("key", "label", "sponsored", "lapsed", "billed_amount")
    )
    if top is not None and len(rows) > top + 1:
        rest = rows[top:]
        rows = rows[:top]
        rows.append(
            ("", OTHERS, sum(r[2] for r in rest), sum(r[3] for r in rest), sum((r[4] for r in rest), Decimal(0)))
        )
    parts = []
    for key, name, s, la, money in rows:
        sponsored = shown(s, suppress)
        parts.append(Part(key, name, sponsored, shown(la, suppress), None if sponsored.suppressed else Decimal(money)))
    return parts


def occupations(code: str, month: date, *, suppress: bool) -> list[Part]:
    return breakdown(code, month, Dimension.OCCUPATION, suppress=suppress, top=TOP_OCCUPATIONS)


def sponsors(code: str, month: date, *, suppress: bool) -> list[Part]:
    return breakdown(code, month, Dimension.SPONSOR, suppress=suppress)


@dataclass(frozen=True)
class MonthLapses:
    month: date
    sponsored: Shown
    lapsed: Shown


def lapses_by_month(code: str, months: list[date], *, suppress: bool) -> list[MonthLapses]:
    found: dict[date, tuple[int, int]] = {
        r["month"]: (int(r["s"] or 0), int(r["la"] or 0))
        for r in Aggregate.objects.filter(region_code=code, month__in=months)
        .values("month")
        .annotate(s=Sum("sponsored"), la=Sum("lapsed"))
    }
    return [
        MonthLapses(m, shown(found.get(m, (0, 0))[0], suppress), shown(found.get(m, (0, 0))[1], suppress))
        for m in months
    ]
