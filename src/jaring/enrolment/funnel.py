"""Where a programme's list loses people, per village or per source: registered → eligible (the current
plan) → in the cohort → accepted by BPJS, with a reason for every drop.

Honest about what is known: the planner's reasons at enrolment time are not stored, so "eligible" is the
current plan's judgement of today's registry; "in the cohort", "accepted" and "rejected" are the stored
memberships; "billed" counts members with a bill line.
Set-based: the plan judges the region's workers as a Polars frame, their sources come in one read, and the
memberships in one GROUP BY. "Billed" comes from the billing app, which sits above this one and registers
its counter in ``BILLED_COUNTERS`` when it loads; without it the step is None, never a made-up number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import polars as pl
from django.db import connection

from jaring.enrolment.models import Status
from jaring.funding.models import Programme
from jaring.funding.planner import REASONS, candidates, plan_programme
from jaring.regions.models import Region

# Left out by the plan although eligible: the money or the village's quota ran out, not the worker's data.
NOT_FUNDED = ("QUOTA.FULL", "BUDGET.EXHAUSTED")
REJECTED_PREFIX = "Ditolak BPJS"
ACCEPTED = (Status.ACTIVE, Status.LAPSED, Status.ENDED)
WAITING = (Status.PROPOSED, Status.SUBMITTED)
NO_SOURCE = "(tanpa sumber)"

By = Literal["village", "source"]
# (programme id, region prefix) -> frame of (village_id, source, billed): members with at least one bill line.
BILLED_COUNTERS: list[Callable[[int, str], pl.DataFrame]] = []


@dataclass
class FunnelRow:
    key: str
    label: str
    registered: int = 0
    eligible: int = 0
    in_cohort: int = 0
    waiting: int = 0
    accepted: int = 0
    rejected: int = 0
    withdrawn: int = 0
    # None without a billing app: shown as "—", never as 0.
    billed: int | None = None
    # (why, how many), the planner's reasons first, then BPJS's.
    reasons: list[tuple[str, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Funnel:
    by: By
    rows: list[FunnelRow]
    total: FunnelRow


def _judged(programme: Programme, prefix: str) -> pl.DataFrame:
    """Every worker of the programme's region with the plan's reason (null: selected), and its source."""
    frame = candidates(programme.region_id)
    plan = plan_programme(programme, frame=frame)
    judged = pl.concat([plan.selected.with_columns(reason=pl.lit(None, pl.String)), plan.left_out])
    sql = "SELECT id, source FROM registry_worker WHERE village_id >= %s AND village_id < %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [prefix, f"{prefix}/"])
        sources = pl.DataFrame(cursor.fetchall(), schema={"worker_id": pl.Int64, "source": pl.String}, orient="row")
    judged = judged.filter((pl.col("village_id") == prefix) | pl.col("village_id").str.starts_with(f"{prefix}."))
    return judged.join(sources, on="worker_id", how="left")


def _memberships(programme: Programme, prefix: str) -> pl.DataFrame:
    sql = (
        "SELECT w.village_id, w.source, m.status, m.reason, COUNT(*) FROM enrolment_membership m "
        "JOIN registry_worker w ON w.id = m.worker_id "
        "WHERE m.programme_id = %s AND w.village_id >= %s AND w.village_id < %s "
        "GROUP BY w.village_id, w.source, m.status, m.reason"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [programme.pk, prefix, f"{prefix}/"])
        rows = cursor.fetchall()
    schema = {"village_id": pl.String, "source": pl.String, "status": pl.String, "reason": pl.String, "n": pl.Int64}
    return pl.DataFrame(rows, schema=schema, orient="row")


def programme_funnel(programme: Programme, *, by: By = "village", within: str | None = None) -> Funnel:
    """The funnel of ``programme``; ``within`` narrows it to a region inside the programme's (a village
    operator's village). Rows are villages or sources, largest registry first."""
    prefix = within or programme.region_id
    key = "village_id" if by == "village" else "source"
    judged = _judged(programme, prefix).with_columns(pl.col("source").fill_null("").replace("", NO_SOURCE))
    members = _memberships(programme, prefix).with_columns(pl.col("source").fill_null("").replace("", NO_SOURCE))
    rows: dict[str, FunnelRow] = {}
    total = FunnelRow(key="", label="Jumlah")

    def row(k: str) -> FunnelRow:
        return rows.setdefault(k, FunnelRow(key=k, label=k))

    eligible = pl.col("reason").is_null() | pl.col("reason").is_in(NOT_FUNDED)
    counts = judged.group_by(key).agg(pl.len().alias("registered"), eligible.sum().alias("eligible"))
    for k, registered, n_eligible in counts.iter_rows():
        r = row(k)
        r.registered, r.eligible = registered, n_eligible
        total.registered += registered
        total.eligible += n_eligible
    dropped = judged.filter(pl.col("reason").is_not_null()).group_by(key, "reason").len()
    planner_reasons: dict[str, dict[str, int]] = {}
    for k, code, n in dropped.iter_rows():
        planner_reasons.setdefault(k, {})[code] = n
    bpjs_reasons: dict[str, dict[str, int]] = {}
    for village, source, status, reason, n in members.iter_rows():
        k = village if by == "village" else source
        r = row(k)
        for target in (r, total):
            target.in_cohort += n
            if status in ACCEPTED:
                target.accepted += n
            elif status in WAITING:
                target.waiting += n
            elif (reason or "").startswith(REJECTED_PREFIX):
                target.rejected += n
            else:
                target.withdrawn += n
        if status == Status.CANCELLED:
            rejected = (reason or "").startswith(REJECTED_PREFIX)
            text = reason if rejected else (f"Dibatalkan: {reason}" if reason else "Dibatalkan tanpa keterangan")
            bpjs_reasons.setdefault(k, {})
            bpjs_reasons[k][text] = bpjs_reasons[k].get(text, 0) + n
    for counter in BILLED_COUNTERS[:1]:
        total.billed = 0
        for r in rows.values():
            r.billed = 0
        for village, source, n in counter(programme.pk, prefix).iter_rows():
            r = row(village if by == "village" else (source or NO_SOURCE))
            r.billed = (r.billed or 0) + n
            total.billed += n
    sums: dict[str, int] = {}
    for k, r in rows.items():
        mine = planner_reasons.get(k, {})
        r.reasons = [(REASONS[c], mine[c]) for c in REASONS if c in mine]
        r.reasons += sorted(bpjs_reasons.get(k, {}).items(), key=lambda item: (-item[1], item[0]))
        for text, n in r.reasons:
            sums[text] = sums.get(text, 0) + n
    order = [REASONS[c] for c in REASONS]
    total.reasons = sorted(sums.items(), key=lambda item: (order.index(item[0]) if item[0] in order else 99, -item[1]))
    if by == "village":
        names = dict(Region.objects.filter(code__in=list(rows)).values_list("code", "name"))
        for r in rows.values():
            r.label = names.get(r.key, r.key)
    ordered = sorted(rows.values(), key=lambda r: (-r.registered, -r.in_cohort, r.label))
    return Funnel(by=by, rows=ordered, total=total)
