"""What the plan and cohort pages show of a plan: figures, reasons in words, and the workers a user may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import polars as pl

from jaring.accounts.access import has_capability, scope_code
from jaring.accounts.roles import Cap, Role
from jaring.funding.models import Programme
from jaring.funding.planner import REASONS, ProgrammePlan
from jaring.regions.models import Region
from jaring.registry.models import Worker
from jaring.rules.table import add_months, month_start

SHOWN_LEFT_OUT = 50
# Those nearest to being in come first: eligible workers the budget or a quota could not take.
NEAREST_FIRST = ["BUDGET.EXHAUSTED", "QUOTA.FULL", "COVERED.ALREADY", *REASONS]


@dataclass(frozen=True)
class MonthCost:
    month: date
    per_worker: Decimal


@dataclass(frozen=True)
class Citation:
    programme: str
    codes: str
    citation: str


def plan_figures(plan: ProgrammePlan, start: date) -> dict[str, Any]:
    per_month = plan.per_worker_months
    first = month_start(start)
    citations: dict[tuple[str, str], Citation] = {}
    for result in plan.month_results:
        for line in result.lines:
            key = (", ".join(line.rule_codes), line.citation)
            citations.setdefault(key, Citation(line.programme.upper(), key[0], line.citation))
    return {
        "plan": plan,
        "per_worker_month": per_month[0] if per_month else Decimal(0),
        "months_differ": len(set(per_month)) > 1,
        "month_costs": [MonthCost(add_months(first, k), v) for k, v in enumerate(per_month)],
        "citations": list(citations.values()),
        "left_out_counts": [(REASONS[code], n, code) for code, n in plan.left_out_counts().items()],
        "left_out_total": plan.left_out.height,
    }


def _village_filter(user: Any, programme: Programme) -> pl.Expr | None:
    scope = scope_code(user)
    if scope is not None and len(scope) > len(programme.region_id):
        return (pl.col("village_id") == scope) | pl.col("village_id").str.starts_with(f"{scope}.")
    return None


def may_see_workers(user: Any) -> bool:
    # A sponsor sees the workers it pays for, never those a plan leaves out (users.md).
    return has_capability(user, Cap.WORKERS_VIEW) and getattr(user, "role", "") != Role.SPONSOR


def left_out_workers(user: Any, programme: Programme, plan: ProgrammePlan) -> list[dict[str, Any]]:
    """The first left-out workers in the user's own scope (a village operator: its village), NIK masked
    by the template; the reason in words."""
    if not may_see_workers(user):
        return []
    frame = plan.left_out
    if (only := _village_filter(user, programme)) is not None:
        frame = frame.filter(only)
    order = {code: i for i, code in enumerate(dict.fromkeys(NEAREST_FIRST))}
    nearest = pl.col("reason").replace_strict(order, default=len(order), return_dtype=pl.Int32)
    frame = frame.with_row_index("seen").sort(nearest, "seen").head(SHOWN_LEFT_OUT)
    reasons = dict(zip(frame["worker_id"].to_list(), frame["reason"].to_list(), strict=True))
    workers = (
        Worker.objects.filter(pk__in=list(reasons)).select_related("village").only("pk", "nik", "name", "village__name")
    )
    by_id = {w.pk: w for w in workers}
    return [{"worker": by_id[pk], "reason": REASONS[reason]} for pk, reason in reasons.items() if pk in by_id]


def village_counts(user: Any, programme: Programme, plan: ProgrammePlan) -> list[dict[str, Any]]:
    """Per village: how many the plan takes and leaves out, in the user's scope, with the village's name."""
    taken = plan.selected.group_by("village_id").len("selected")
    out = plan.left_out.group_by("village_id").len("left_out")
    frame = taken.join(out, on="village_id", how="full", coalesce=True).fill_null(0)
    if (only := _village_filter(user, programme)) is not None:
        frame = frame.filter(only)
    frame = frame.sort(["selected", "village_id"], descending=[True, False])
    names = dict(Region.objects.filter(code__in=frame["village_id"].to_list()).values_list("code", "name"))
    return [
        {"code": code, "name": names.get(code, code), "selected": s, "left_out": o}
        for code, s, o in frame.select("village_id", "selected", "left_out").iter_rows()
    ]
