"""Jaring's own figures per region × month × segment, recomputed set-based into ``Aggregate`` so that no
dashboard request scans the registry, the memberships or the bill lines. Run after imports, enrolment
and billing runs as a durable job (``RefreshJob``); the command line runs it in the foreground."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import polars as pl
from django.db import connection, transaction
from django.db.models import Min, Q
from django.utils import timezone

from jaring.audit.services import audit_record
from jaring.coverage.frames import KEYS, frame_of, joined, roll_up
from jaring.coverage.models import Aggregate, RefreshJob
from jaring.coverage.refresh_breakdown import breakdown_refresh
from jaring.coverage.refresh_lines import counted_new, counted_reset, line_figures
from jaring.coverage.refresh_members import member_groups, member_months, member_rows
from jaring.funding.models import Programme, ProgrammeSponsor
from jaring.jobs.models import Job, JobStatus
from jaring.jobs.runner import Report, job_enqueue, job_run_here
from jaring.rules.table import add_months

HISTORY_MONTHS = 36


def _quiet(stage: str, done: int, total: int) -> None:
    return None


def _months(today: date) -> list[date]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT MIN(start) FROM enrolment_membership")
        first = cursor.fetchone()[0]
    last = today.replace(day=1)
    if first is None:
        return [last]
    first = date.fromisoformat(str(first)[:10]).replace(day=1)
    # Memberships that start after this month (next year's cohort) are counted from their first month on.
    first = min(max(first, add_months(last, -HISTORY_MONTHS + 1)), last)
    months = []
    while first <= last:
        months.append(first)
        first = add_months(first, 1)
    return months


def _programmes() -> tuple[dict[int, str], dict[int, list[str]]]:
    """Each programme's segment, and its sponsors (as text keys)."""
    segments = dict(Programme.objects.values_list("pk", "segment"))
    sponsors: dict[int, list[str]] = {}
    for programme_id, sponsor_id in ProgrammeSponsor.objects.values_list("programme_id", "sponsor_id"):
        sponsors.setdefault(programme_id, []).append(str(sponsor_id))
    return segments, sponsors


def _segment(frame: pl.DataFrame, segments: dict[int, str]) -> pl.DataFrame:
    return frame.with_columns(pl.col("programme_id").replace_strict(segments, default="").alias("segment"))


def _dated(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.col("month").cast(pl.Date))


def _kept(since: date, fresh: list[date]) -> pl.DataFrame:
    """The line figures of the months no new bill speaks of, as the last refresh left them."""
    rows = (
        Aggregate.objects.filter(month__gte=since)
        .exclude(month__in=fresh)
        .filter(~Q(billed=0, billed_amount=0))
        .values_list("region_code", "month", "segment", "billed", "billed_amount")
    )
    schema = {
        "region_code": pl.String,
        "month": pl.Date,
        "segment": pl.String,
        "billed": pl.Int64,
        "billed_amount": pl.Float64,
    }
    return pl.DataFrame([(*r[:4], float(r[4])) for r in rows], schema=schema, orient="row")


def _registered(month: date) -> pl.DataFrame:
    """Workers in the registry per region (segment "", the latest month): the leader's home page reads it here
    instead of counting a million workers on every request."""
    villages = frame_of(
        "SELECT village_id, CAST(%s AS TEXT), '', COUNT(*) FROM registry_worker GROUP BY village_id",
        [month.isoformat()],
        "registered",
    )
    return _dated(roll_up(villages))


def _changed_months(months: list[date], full: bool) -> list[date] | None:
    """The months whose line figures are read again (None: all), and the new bills counted."""
    earliest = Aggregate.objects.aggregate(first=Min("month"))["first"]
    if full or earliest is None:
        counted_reset()
        return None
    _, fresh = counted_new()
    # Memberships backdated before every month counted so far bring months whose lines were never read.
    older = [m for m in months if m < earliest]
    return sorted(set(fresh) | set(older))


def coverage_refresh(
    *, actor: Any, today: date | None = None, report: Report = _quiet, full: bool = True
) -> dict[str, int]:
    """Recomputes the aggregates. ``full=False`` (the job after imports, enrolment and billing runs) reads
    again only the lines of the months that bills made since the last refresh speak of; the memberships'
    figures are always recomputed whole (a lapse or a late acceptance changes earlier months), in one pass."""
    today = today or timezone.localdate()
    months = _months(today)
    report("refresh", 0, 3)
    with transaction.atomic():
        fresh = _changed_months(months, full)
        segments, sponsors = _programmes()
        rows_of_members = member_rows()
        members = _segment(member_months(member_groups(rows_of_members), months), segments)
        billed, amounts = line_figures(months[0], fresh, rows_of_members)
        billed = _segment(billed, segments).group_by(KEYS).agg(pl.col("billed").sum())
        amounts = _segment(amounts, segments)
        report("refresh", 1, 3)
        lines = roll_up(joined([billed, amounts.group_by(KEYS).agg(pl.col("billed_amount").sum())], KEYS))
        if fresh is not None:
            lines = pl.concat([_dated(lines), _kept(months[0], fresh)], how="diagonal_relaxed")
        figures = ["sponsored", "lapsed", "proposed", "accepted", "funnel_billed"]
        own = roll_up(members.group_by(KEYS).agg(pl.col(f).sum() for f in figures))
        rows = _dated(own).join(_dated(lines), on=["region_code", "month", "segment"], how="full", coalesce=True)
        rows = rows.join(_registered(months[-1]), on=["region_code", "month", "segment"], how="full", coalesce=True)
        rows = rows.fill_null(0)
        now = timezone.now()
        split = breakdown_refresh(members, amounts, sponsors, months[0], fresh, now)
        Aggregate.objects.all().delete()
        Aggregate.objects.bulk_create(
            (
                Aggregate(
                    region_code=r["region_code"],
                    month=r["month"],
                    segment=r["segment"],
                    sponsored=r["sponsored"],
                    lapsed=r["lapsed"],
                    proposed=r["proposed"],
                    accepted=r["accepted"],
                    billed=r["billed"],
                    funnel_billed=r["funnel_billed"],
                    registered=r["registered"],
                    billed_amount=Decimal(int(r["billed_amount"])),
                    refreshed_at=now,
                )
                for r in rows.iter_rows(named=True)
            ),
            batch_size=5_000,
        )
        report("refresh", 2, 3)
        summary = {"rows": rows.height, "breakdown": split, "full": fresh is None}
        audit_record(actor=actor, action="coverage.refresh", obj=None, region_code="", summary=summary)
    return {"months": len(months), "rows": rows.height}


def refresh_job_run(job: RefreshJob, report: Report) -> dict[str, Any]:
    return coverage_refresh(actor=job.user, report=report, full=False)


def refresh_run_here(*, actor: Any, observer: Callable[[str, int, int], None] | None = None) -> RefreshJob:
    job = RefreshJob.objects.create(user=actor, created_at=timezone.now())
    job_run_here(
        RefreshJob,
        str(job.pk),
        lambda report: coverage_refresh(actor=actor, report=report),
        observer=observer,
    )
    job.refresh_from_db()
    return job


# Jobs after which Jaring's own figures change (labels: the runner knows models, not apps).
CHANGING = {"imports.importjob", "enrolment.cohortjob", "enrolment.exchangejob", "billing.billingrunjob"}


def refresh_soon(sender: type[Job], **_: Any) -> None:
    """Queues one refresh of the aggregates after a job that changed what they count; a refresh already
    waiting covers this change too."""
    if sender._meta.label_lower not in CHANGING:
        return
    with transaction.atomic():
        if RefreshJob.objects.filter(status=JobStatus.QUEUED).exists():
            return
        job = RefreshJob.objects.create(created_at=timezone.now())
        job_enqueue(job)
