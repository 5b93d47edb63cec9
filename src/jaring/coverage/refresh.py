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
from django.utils import timezone

from jaring.audit.services import audit_record
from jaring.coverage.frames import KEYS, frame_of, joined, roll_up
from jaring.coverage.models import Aggregate, RefreshJob
from jaring.coverage.refresh_breakdown import breakdown_refresh
from jaring.jobs.models import Job, JobStatus
from jaring.jobs.runner import Report, job_enqueue, job_run_here
from jaring.registry.bulk import copy_rows, temp_table
from jaring.rules.table import add_months, month_end

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


def _months_table(months: list[date]) -> str:
    date_type = "date" if connection.vendor == "postgresql" else "text"
    table = temp_table([("month", date_type), ("month_last", date_type)])
    copy_rows(
        table,
        ["month", "month_last"],
        pl.DataFrame(
            {"month": [m.isoformat() for m in months], "month_last": [month_end(m).isoformat() for m in months]}
        ),
    )
    return table


def _village_figures(table: str, months: list[date]) -> pl.DataFrame:
    member = (
        "FROM enrolment_membership m JOIN registry_worker w ON w.id = m.worker_id "
        "JOIN funding_programme p ON p.id = m.programme_id "
    )
    sponsored = frame_of(
        f"SELECT w.village_id, CAST(t.month AS TEXT), p.segment, COUNT(*) {member}"
        f'JOIN {table} t ON m.start <= t.month_last AND m."end" >= t.month '
        "WHERE m.status IN ('active', 'lapsed', 'ended') GROUP BY w.village_id, t.month, p.segment",
        [],
        "sponsored",
    )
    lapsed = frame_of(
        f"SELECT w.village_id, CAST(t.month AS TEXT), p.segment, COUNT(*) {member}"
        f'JOIN {table} t ON m."end" >= t.month AND m."end" <= t.month_last '
        "WHERE m.status = 'lapsed' GROUP BY w.village_id, t.month, p.segment",
        [],
        "lapsed",
    )
    proposed = frame_of(
        f"SELECT w.village_id, CAST(t.month AS TEXT), p.segment, COUNT(*) {member}"
        f"JOIN {table} t ON m.start >= t.month AND m.start <= t.month_last GROUP BY w.village_id, t.month, p.segment",
        [],
        "proposed",
    )
    accepted = frame_of(
        f"SELECT w.village_id, CAST(t.month AS TEXT), p.segment, COUNT(*) {member}"
        f"JOIN {table} t ON m.start >= t.month AND m.start <= t.month_last "
        "WHERE m.status IN ('active', 'lapsed', 'ended') GROUP BY w.village_id, t.month, p.segment",
        [],
        "accepted",
    )
    billed = frame_of(
        "SELECT w.village_id, CAST(l.month AS TEXT), p.segment, COUNT(DISTINCT l.membership_id) "
        "FROM billing_billline l JOIN enrolment_membership m ON m.id = l.membership_id "
        "JOIN registry_worker w ON w.id = m.worker_id JOIN funding_programme p ON p.id = m.programme_id "
        "WHERE l.kind = 'i' AND l.month >= %s GROUP BY w.village_id, l.month, p.segment",
        [months[0]],
        "billed",
    )
    amount = frame_of(
        "SELECT w.village_id, CAST(l.month AS TEXT), p.segment, SUM(l.amount) "
        "FROM billing_billline l JOIN enrolment_membership m ON m.id = l.membership_id "
        "JOIN registry_worker w ON w.id = m.worker_id JOIN funding_programme p ON p.id = m.programme_id "
        "WHERE l.month >= %s GROUP BY w.village_id, l.month, p.segment",
        [months[0]],
        "billed_amount",
        pl.Float64,
    )
    # Of the memberships that started in the month, those with an iuran line of any month: the funnel's end.
    has_iuran = "EXISTS (SELECT 1 FROM billing_billline l WHERE l.membership_id = m.id AND l.kind = 'i')"
    funnel_billed = frame_of(
        f"SELECT w.village_id, CAST(t.month AS TEXT), p.segment, COUNT(*) {member}"
        f"JOIN {table} t ON m.start >= t.month AND m.start <= t.month_last WHERE {has_iuran} "
        "GROUP BY w.village_id, t.month, p.segment",
        [],
        "funnel_billed",
    )
    return joined([sponsored, lapsed, proposed, accepted, billed, amount, funnel_billed], KEYS)


def coverage_refresh(*, actor: Any, today: date | None = None, report: Report = _quiet) -> dict[str, int]:
    today = today or timezone.localdate()
    months = _months(today)
    report("refresh", 0, 3)
    with transaction.atomic():
        table = _months_table(months)
        villages = _village_figures(table, months)
        report("refresh", 1, 3)
        rows = roll_up(villages)
        now = timezone.now()
        split = breakdown_refresh(table, months, now)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {table}")
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
                    billed_amount=Decimal(int(r["billed_amount"])),
                    refreshed_at=now,
                )
                for r in rows.iter_rows(named=True)
            ),
            batch_size=5_000,
        )
        report("refresh", 2, 3)
        summary = {"rows": rows.height, "breakdown": split}
        audit_record(actor=actor, action="coverage.refresh", obj=None, region_code="", summary=summary)
    return {"months": len(months), "rows": rows.height}


def refresh_job_run(job: RefreshJob, report: Report) -> dict[str, Any]:
    return coverage_refresh(actor=job.user, report=report)


def refresh_run_here(*, actor: Any, observer: Callable[[str, int, int], None] | None = None) -> RefreshJob:
    job = RefreshJob.objects.create(user=actor, created_at=timezone.now())
    job_run_here(
        RefreshJob, str(job.pk), lambda report: coverage_refresh(actor=actor, report=report), observer=observer
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
