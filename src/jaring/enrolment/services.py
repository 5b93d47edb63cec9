"""Writes of memberships: a cohort from a plan, in one transaction, with an audit event."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, timedelta
from decimal import Decimal
from typing import Any

import polars as pl
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from jaring.accounts.access import NotInScope, code_in_scope
from jaring.audit.services import audit_record
from jaring.enrolment.models import NOT_FUNDING, Membership, Status
from jaring.enrolment.selectors import funded_worker_ids
from jaring.funding.models import Programme
from jaring.funding.planner import SCHEMA, WhatIf, plan_programme
from jaring.refusal import Refused
from jaring.registry.bulk import copy_rows, temp_table
from jaring.rules.table import add_months

COLUMNS = ("worker_id", "programme_id", "start", "end", "status", "kpj", "reason", "created_at", "updated_at")


class EnrolmentRefused(Refused):
    """A cohort or a membership change refused (an overlap, a transition that cannot follow): nothing saved."""


@dataclass(frozen=True)
class CohortResult:
    proposed: int
    blocked: dict[str, int]
    # The plan's workers left out (worker_id, village_id, reason), kept by the cohort job for its review.
    left_out: pl.DataFrame | None = field(default=None, compare=False, repr=False)

    def as_json(self) -> dict[str, object]:
        # Exactly the keys of the interface (`jaring enrol programme --json`).
        return {"proposed": self.proposed, "blocked": self.blocked}


def programme_period(programme: Programme) -> tuple[date, date]:
    """The covered days, both inclusive: whole months from the start, or the ad hoc term's days."""
    if programme.months is not None:
        return programme.start, add_months(programme.start, int(programme.months)) - timedelta(days=1)
    return programme.start, programme.start + timedelta(days=int(programme.days or 1) - 1)


def db_stamp() -> str:
    """Now as the text both databases store in a timestamp column (Django keeps UTC in SQLite)."""
    stamp = timezone.now().astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return stamp + "+00:00" if connection.vendor == "postgresql" else stamp


@dataclass(frozen=True)
class BudgetLeft:
    members: int  # the programme's own memberships that still fund someone
    spent: Decimal
    what_if: WhatIf | None  # the plan's budget less what they cost; None: nothing to take off


def budget_left(programme: Programme) -> BudgetLeft:
    """A programme that already has members buys only with what they leave: its plan, rerun, would
    otherwise spend the whole budget again on the workers not yet in."""
    members = Membership.objects.filter(programme=programme).exclude(status__in=NOT_FUNDING).count()
    if programme.budget is None or not members:
        return BudgetLeft(members, Decimal(0), None)
    # The iuran of one worker, from a plan over nobody (no query of the registry).
    nobody = pl.DataFrame(schema=SCHEMA | {"birth_date": pl.Date})
    per_worker = sum(plan_programme(programme, frame=nobody).per_worker_months, Decimal(0))
    spent = members * per_worker
    return BudgetLeft(members, spent, WhatIf(budget=max(Decimal(0), programme.budget - spent)))


def memberships_insert(worker_ids: pl.Series, *, programme: Programme, start: date, end: date) -> None:
    """Proposed memberships for these workers, in worker order: only the ids travel (a temporary table), the rows
    are made by one INSERT … SELECT inside the database, through the double-funding guard (ADR 0012). Sending
    whole rows cost 2.6 × a raw insert of them at 500,000; this, 1.4 × (bench/RESULTS.md)."""
    stage = temp_table([("worker_id", "bigint")])
    copy_rows(stage, ["worker_id"], worker_ids.sort().to_frame("worker_id"))
    stamp = db_stamp()
    columns = ", ".join(f'"{c}"' for c in COLUMNS)
    # PostgreSQL types a parameter in a select list as text: each is cast to its column's type there.
    day, moment = ("CAST(%s AS date)", "CAST(%s AS timestamptz)") if connection.vendor == "postgresql" else ("%s", "%s")
    # Table and column names are internal (temp_table's and the model's); every value is a parameter.
    sql = (
        f"INSERT INTO enrolment_membership ({columns}) SELECT s.worker_id, %s, {day}, {day}, %s, '', '', "  # noqa: S608
        f"{moment}, {moment} FROM {stage} s ORDER BY s.worker_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [programme.pk, start.isoformat(), end.isoformat(), str(Status.PROPOSED), stamp, stamp])
        cursor.execute(f"DROP TABLE {stage}")


def cohort_enrol(
    *, actor: Any, programme: Programme, what_if: WhatIf | None = None, prefer: Iterable[int] = ()
) -> CohortResult:
    """Proposes a membership for every worker the plan selects; workers already funded for a day of the
    period are counted as blocked, never enrolled twice (the database refuses it too)."""
    if actor is not None and not code_in_scope(actor, programme.region_id):
        raise NotInScope(f"Program nomor {programme.pk} tidak ditemukan.")
    start, end = programme_period(programme)
    try:
        with transaction.atomic():
            covered = funded_worker_ids(region_code=programme.region_id, start=start, end=end)
            if what_if is None or what_if.budget is None:
                # Members already proposed or enrolled keep their part of the budget: a rebuilt cohort
                # buys only with what they leave.
                left = budget_left(programme).what_if
                if left is not None:
                    what_if = replace(what_if or WhatIf(), budget=left.budget)
            plan = plan_programme(programme, what_if=what_if, covered=covered, prefer=prefer)
            memberships_insert(plan.selected.get_column("worker_id"), programme=programme, start=start, end=end)
            blocked = {k: v for k, v in plan.left_out_counts().items() if k == "COVERED.ALREADY"}
            audit_record(
                actor=actor,
                action="cohort.enrol",
                obj=programme,
                region_code=programme.region_id,
                summary={"proposed": plan.workers, "blocked": blocked, "start": str(start), "end": str(end)},
            )
    except IntegrityError as exc:
        if "MEMBERSHIP.OVERLAP" in str(exc) or "membership_no_double_funding" in str(exc):
            raise EnrolmentRefused(
                "MEMBERSHIP.OVERLAP",
                "Sebagian pekerja baru saja didanai oleh kohort lain pada bulan yang sama; tidak ada yang "
                "disimpan. Jalankan lagi untuk membangun kohort tanpa mereka.",
            ) from exc
        raise
    return CohortResult(proposed=plan.workers, blocked=blocked, left_out=plan.left_out)
