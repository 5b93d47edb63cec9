"""Who a cohort build left out and why, kept with its job: the count per reason and the first workers of each
reason (masked NIK), so the review shows them from any process after the build, whatever the plan says now."""

from __future__ import annotations

from typing import Any

import polars as pl

from jaring.accounts.access import scope_code
from jaring.funding.models import Programme
from jaring.funding.plan_page import may_see_workers
from jaring.funding.planner import REASONS
from jaring.registry.models import Worker
from jaring.rules.nik import mask_nik

ROWS_PER_REASON = 20


def left_out_summary(left_out: pl.DataFrame | None, *, per_reason: int = ROWS_PER_REASON) -> dict[str, Any]:
    """``{"left_out": {reason: count}, "left_out_rows": {reason: [{worker_id, nik, name, village_code,
    village}]}}``; the NIK masked before it is stored. One query for the workers, whatever the reasons."""
    if left_out is None or left_out.height == 0:
        return {"left_out": {}, "left_out_rows": {}}
    counts = dict(left_out.group_by("reason").len().iter_rows())
    first = left_out.with_row_index("seen").sort("seen").group_by("reason", maintain_order=True).head(per_reason)
    workers = {
        pk: (nik, name, village)
        for pk, nik, name, village in Worker.objects.filter(pk__in=first["worker_id"].to_list()).values_list(
            "pk", "nik", "name", "village__name"
        )
    }
    rows: dict[str, list[dict[str, Any]]] = {}
    for worker_id, village_code, reason in first.select("worker_id", "village_id", "reason").iter_rows():
        if worker_id not in workers:
            continue
        nik, name, village = workers[worker_id]
        row = {"worker_id": worker_id, "nik": mask_nik(nik), "name": name, "village_code": village_code,
               "village": village}  # fmt: skip
        rows.setdefault(reason, []).append(row)
    order = [code for code in REASONS if code in counts] + sorted(set(counts) - set(REASONS))
    return {
        "left_out": {code: counts[code] for code in order},
        "left_out_rows": {c: rows[c] for c in order if c in rows},
    }


def left_out_shown(user: Any, programme: Programme, summary: dict[str, Any]) -> list[dict[str, Any]]:
    """The stored reasons in words with their count and the rows the user may see: none for a sponsor (it sees
    the workers it pays for, never those left out), a village operator only its village's."""
    scope = scope_code(user)
    inside = scope if scope is not None and len(scope) > len(programme.region_id) else None
    see_rows = may_see_workers(user)
    shown = []
    for code, count in (summary.get("left_out") or {}).items():
        rows = (summary.get("left_out_rows") or {}).get(code, []) if see_rows else []
        if inside is not None:
            rows = [r for r in rows if r["village_code"] == inside or r["village_code"].startswith(f"{inside}.")]
        shown.append({"code": code, "reason": REASONS.get(code, code), "count": count, "rows": rows})
    return shown
