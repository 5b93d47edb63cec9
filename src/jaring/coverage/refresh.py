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
from jaring.coverage.models import Aggregate, RefreshJob
from jaring.jobs.models import Job, JobStatus
from jaring.jobs.runner import Report, job_enqueue, job_run_here
from jaring.registry.bulk import copy_rows, temp_table
from jaring.rules.table import add_months, month_end

HISTORY_MONTHS = 36
KEYS = ["village_id", "month", "segment"]


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


def _frame(sql: str, params: list[Any], value: str, kind: Any = pl.Int64) -> pl.DataFrame:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    schema = {"village_id": pl.String, "month": pl.String, "segment": pl.String, value: kind}
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    return frame.with_columns(pl.col("month").str.slice(0, 10).str.to_date("%Y-%m-%d"))


def _village_figures(months: list[date]) -> pl.DataFrame:
    date_type = "date" if connection.vendor == "postgresql" else "text"
    table = temp_table([("month", date_type), ("month_last", date_type)])
    copy_rows(
        table,
        ["month", "month_last"],
        pl.DataFrame(
            {"month": [m.isoformat() for m in months], "month_last": [month_end(m).isoformat() for m in months]}
        ),
    )
    member = (
        "FROM enrolment_membership m JOIN registry_worker w ON w.id = m.worker_id "
        "JOIN funding_programme p ON p.id = m.programme_id "
    )
    sponsored = _frame(
        f"SELECT w.village_id, CAST(t.month AS TEXT), p.segment, COUNT(*) {member}"
        f'JOIN {table} t ON m.start <= t.month_last AND m."end" >= t.month '
        "WHERE m.status IN ('active', 'lapsed', 'ended') GROUP BY w.village_id, t.month, p.segment",
        [],
        "sponsored",
    )
    lapsed = _frame(
        f"SELECT w.village_id, CAST(t.month AS TEXT), p.segment, COUNT(*) {member}"
        f'JOIN {table} t ON m."end" >= t.month AND m."end" <= t.month_last '
        "WHERE m.status = 'lapsed' GROUP BY w.village_id, t.month, p.segment",
        [],
        "lapsed",
    )
    proposed = _frame(
        f"SELECT w.village_id, CAST(t.month AS TEXT), p.segment, COUNT(*) {member}"
        f"JOIN {table} t ON m.start >= t.month AND m.start <= t.month_last GROUP BY w.village_id, t.month, p.segment",
        [],
        "proposed",
    )
    accepted = _frame(
        f"SELECT w.village_id, CAST(t.month AS TEXT), p.segment, COUNT(*) {member}"
        f"JOIN {table} t ON m.start >= t.month AND m.start <= t.month_last "
        "WHERE m.status IN ('active', 'lapsed', 'ended') GROUP BY w.village_id, t.month, p.segment",
        [],
        "accepted",
    )
    billed = _frame(
        "SELECT w.village_id, CAST(l.month AS TEXT), p.segment, COUNT(DISTINCT l.membership_id) "
        "FROM billing_billline l JOIN enrolment_membership m ON m.id = l.membership_id "
        "JOIN registry_worker w ON w.id = m.worker_id JOIN funding_programme p ON p.id = m.programme_id "
        "WHERE l.kind = 'i' AND l.month >= %s GROUP BY w.village_id, l.month, p.segment",
        [months[0]],
        "billed",
    )
    amount = _frame(
        "SELECT w.village_id, CAST(l.month AS TEXT), p.segment, SUM(l.amount) "
        "FROM billing_billline l JOIN enrolment_membership m ON m.id = l.membership_id "
        "JOIN registry_worker w ON w.id = m.worker_id JOIN funding_programme p ON p.id = m.programme_id "
        "WHERE l.month >= %s GROUP BY w.village_id, l.month, p.segment",
        [months[0]],
        "billed_amount",
        pl.Float64,
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {table}")
    frame = sponsored
    for part in (lapsed, proposed, accepted, billed, amount):
        frame = frame.join(part, on=KEYS, how="full", coalesce=True)
    return frame.fill_null(0)


def _roll_up(villages: pl.DataFrame) -> pl.DataFrame:
    """Village rows summed to district, regency, province and Indonesia ("")."""
    values = [c for c in villages.columns if c not in KEYS]
    levels = [villages.with_columns(pl.col("village_id").alias("region_code"))]
    for parts in (3, 2, 1):
        code = pl.col("village_id").str.split(".").list.head(parts).list.join(".")
        levels.append(villages.with_columns(code.alias("region_code")))
    levels.append(villages.with_columns(pl.lit("").alias("region_code")))
    stacked = pl.concat(levels)
    return stacked.group_by("region_code", "month", "segment").agg(pl.col(v).sum() for v in values)


def coverage_refresh(*, actor: Any, today: date | None = None, report: Report = _quiet) -> dict[str, int]:
    today = today or timezone.localdate()
    months = _months(today)
    report("refresh", 0, 3)
    with transaction.atomic():
        villages = _village_figures(months)
        report("refresh", 1, 3)
        rows = _roll_up(villages)
        now = timezone.now()
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
                    billed_amount=Decimal(int(r["billed_amount"])),
                    refreshed_at=now,
                )
                for r in rows.iter_rows(named=True)
            ),
            batch_size=5_000,
        )
        report("refresh", 2, 3)
        audit_record(actor=actor, action="coverage.refresh", obj=None, region_code="", summary={"rows": rows.height})
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
