"""What the leader's dashboard shows for a region and month, read from the loaded counts and the aggregates
only (a few queries, whatever the region's size): headline figures against target, the trend of the last
twelve months, and one row per child region for the drill-down."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from jaring.coverage.breakdowns import MonthLapses, Part, lapses_by_month, occupations, sponsors
from jaring.coverage.charts import Point
from jaring.coverage.indicators import Figure, region_figures, target_points
from jaring.coverage.models import Aggregate, Denominator, ParticipantCount
from jaring.coverage.shown import FigureRow, Shown, figure_rows, shown
from jaring.regions.models import Region
from jaring.rules.coverage import SEGMENTS, monthly_increase_needed, ratio, target_on
from jaring.rules.table import add_months, month_end

CAMPAIGN = 100  # "1 desa 100 pekerja rentan": a village's goal of protected vulnerable workers


@dataclass
class ChildRow:
    code: str
    name: str
    level: int
    sponsored: Shown
    lapsed: Shown
    billed: Shown
    participants: int | None  # BPJS's all-segment count, where the branch reports this level
    ucj: Decimal | None
    campaign: Decimal | None = None  # villages: sponsored / 100

    @property
    def campaign_text(self) -> str:
        return campaign_text(self.campaign, self.sponsored)


@dataclass
class Dashboard:
    code: str
    name: str
    level: int
    month: date
    figures: list[Figure]
    trend: list[Point]
    run_rate: Decimal | None
    needed: Decimal | None
    needed_by: date | None
    children: list[ChildRow] = field(default_factory=list)
    crumbs: list[tuple[str, str]] = field(default_factory=list)
    rows: list[FigureRow] = field(default_factory=list)
    occupations: list[Part] = field(default_factory=list)
    sponsors: list[Part] = field(default_factory=list)
    lapses: list[MonthLapses] = field(default_factory=list)
    sponsored: Shown | None = None  # the region's own, for a village's campaign
    campaign: Decimal | None = None

    @property
    def ucj(self) -> Figure:
        return self.figures[0]

    @property
    def campaign_text(self) -> str:
        return campaign_text(self.campaign, self.sponsored)

    def row(self, code: str) -> FigureRow:
        return next(r for r in self.rows if r.figure.indicator.code == code)


def campaign_text(campaign: Decimal | None, sponsored: Shown | None) -> str:
    """A village's progress to 100 protected workers; withheld with its count (3% would say 3 workers)."""
    if campaign is None:
        return ""
    if sponsored is not None and sponsored.suppressed:
        return "<5%"
    return f"{campaign * 100:.0f}%"


def _campaign(sponsored: int) -> Decimal | None:
    return ratio(min(sponsored, CAMPAIGN), CAMPAIGN)


def _months_back(month: date, n: int) -> list[date]:
    return [add_months(month, k - n + 1) for k in range(n)]


def ucj_series(code: str, months: list[date]) -> dict[date, Decimal | None]:
    """UCJ for each month in three queries: the region's own BPJS rows (else its direct children's), and its
    employed denominators."""
    depth = code.count(".") + 1 if code else 0
    rows = ParticipantCount.objects.filter(month__in=months).filter(region_code__startswith=f"{code}." if code else "")
    own: dict[date, dict[str, int]] = {}
    children: dict[date, dict[str, int]] = {}
    for region_code, month, segment, n in rows.values_list("region_code", "month", "segment", "participants"):
        if region_code == code:
            own.setdefault(month, {})[segment] = n
        elif region_code.count(".") == depth or (not code and "." not in region_code):
            children.setdefault(month, {}).setdefault(segment, 0)
            children[month][segment] += n
    if code:
        for month, segment, n in ParticipantCount.objects.filter(region_code=code, month__in=months).values_list(
            "month", "segment", "participants"
        ):
            own.setdefault(month, {})[segment] = n
    employed = list(
        Denominator.objects.filter(region_code=code, kind="employed", starts__lte=month_end(months[-1]))
        .order_by("starts")
        .values_list("starts", "value")
    )
    series: dict[date, Decimal | None] = {}
    for month in months:
        counts = own.get(month) or children.get(month) or {}
        total = sum(counts.values()) if all(s in counts for s in SEGMENTS) else None
        below = [v for starts, v in employed if starts <= month_end(month)]
        series[month] = ratio(total, below[-1] if below else None)
    return series


def _children(region: Region | None, code: str, month: date, suppress: bool) -> list[ChildRow]:
    kids = (
        list(Region.objects.filter(parent=region).order_by("name"))
        if region
        else list(Region.objects.filter(parent__isnull=True).order_by("name"))
    )
    codes = [k.code for k in kids]
    figures = {
        r["region_code"]: r
        for r in Aggregate.objects.filter(region_code__in=codes, month=month)
        .values("region_code")
        .annotate(sponsored=Sum("sponsored"), lapsed=Sum("lapsed"), billed=Sum("billed"))
    }
    bpjs: dict[str, dict[str, int]] = {}
    for region_code, segment, n in ParticipantCount.objects.filter(region_code__in=codes, month=month).values_list(
        "region_code", "segment", "participants"
    ):
        bpjs.setdefault(region_code, {})[segment] = n
    employed: dict[str, int] = {}
    for region_code, value in (
        Denominator.objects.filter(region_code__in=codes, kind="employed", starts__lte=month_end(month))
        .order_by("starts")
        .values_list("region_code", "value")
    ):
        employed[region_code] = value  # the latest wins
    rows = []
    for kid in kids:
        f: dict[str, Any] = dict(figures.get(kid.code) or {})
        counts = bpjs.get(kid.code, {})
        total = sum(counts.values()) if all(s in counts for s in SEGMENTS) else None
        sponsored = int(f.get("sponsored") or 0)
        rows.append(
            ChildRow(
                code=kid.code,
                name=str(kid.name),
                level=kid.level,
                sponsored=shown(sponsored, suppress),
                lapsed=shown(int(f.get("lapsed") or 0), suppress),
                billed=shown(int(f.get("billed") or 0), suppress),
                participants=total,
                ucj=ratio(total, employed.get(kid.code)),
                campaign=_campaign(sponsored) if kid.level == 4 else None,
            )
        )
    return rows


def region_dashboard(code: str, month: date, *, suppress: bool) -> Dashboard:
    region = Region.objects.filter(code=code).first() if code else None
    figures = region_figures(code, month)
    months = _months_back(month, 12)
    series = ucj_series(code, months)
    points = target_points(code)
    trend = [Point(f"{m:%m/%y}", series[m], (target_on(m, points) or (None, ""))[0]) for m in months]
    first, last = series[months[0]], series[months[-1]]
    run_rate = ((last - first) / 11).quantize(Decimal("0.0001")) if first is not None and last is not None else None
    year_end = date(month.year, 12, 1) if month.month < 12 else date(month.year + 1, 12, 1)
    goal = target_on(year_end, points)
    months_left = (year_end.year - month.year) * 12 + year_end.month - month.month
    needed = monthly_increase_needed(last, goal[0], months_left) if goal and last is not None else None
    crumbs = [(r.code, str(r.name)) for r in _ancestors(region)] if region else []
    level = region.level if region else 0
    own = next(f for f in figures if f.indicator.code == "SPONSORED").numerator or 0
    return Dashboard(
        code=code,
        name=str(region.name) if region else "Indonesia",
        level=level,
        month=month,
        figures=figures,
        trend=trend,
        run_rate=run_rate,
        needed=needed,
        needed_by=year_end if goal else None,
        children=_children(region, code, month, suppress),
        crumbs=crumbs,
        rows=figure_rows(figures, suppress=suppress),
        occupations=occupations(code, month, suppress=suppress),
        sponsors=sponsors(code, month, suppress=suppress),
        lapses=lapses_by_month(code, months, suppress=suppress),
        sponsored=shown(own, suppress),
        campaign=_campaign(own) if level == 4 else None,
    )


def _ancestors(region: Region) -> list[Region]:
    chain = []
    current = region.parent
    while current is not None:
        chain.append(current)
        current = current.parent
    return list(reversed(chain))
