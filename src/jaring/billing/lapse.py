"""BPU memberships that lapse: after the rules engine's number of consecutive unpaid iuran months
(Perdir 22/PERDIR.02/072022: three), protection ends with the last paid month.

A lapsed membership keeps its history; its ``end`` moves back to the last day it was paid for (its start
when nothing was ever paid), which frees the months after it for another sponsor, and the sponsor's next
bill takes back the months it will not owe, as correction lines. A month is unpaid once its due date (the
15th of the month after, as for PU iuran; the rules engine's ``due_date``) has passed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import polars as pl
from django.db import connection
from django.db.models import Count, Q

from jaring.audit.services import audit_record
from jaring.billing.models import Bill
from jaring.billing.paid import month_flags, paid_through
from jaring.enrolment.models import Membership, Status
from jaring.enrolment.services import db_stamp
from jaring.funding.models import Programme, ProgrammeSegment, ProgrammeSponsor
from jaring.registry.bulk import copy_rows, temp_table
from jaring.rules.late import bpu_membership_status, due_date
from jaring.rules.table import add_months


def lapse_threshold(on: date) -> int:
    """The fewest unpaid months after which the rules engine ends a BPU membership."""
    return next(n for n in range(1, 13) if bpu_membership_status(n, on=on).status in ("berakhir", "nonaktif"))


def _any_overdue(programme_ids: Sequence[int], on: date) -> bool:
    """Whether any bill of the programmes' sponsors was unpaid on ``on`` with a month already due: a few
    bill rows, read before the member lines (a month's run usually finds none)."""
    sponsors = ProgrammeSponsor.objects.filter(programme_id__in=programme_ids).values("sponsor_id")
    unpaid = Bill.objects.filter(sponsor_id__in=sponsors, total__gt=0).filter(
        Q(settled_on__isnull=True) | Q(settled_on__gt=on)
    )
    for month, months in unpaid.values_list("month", "months"):
        if any(due_date(add_months(month, k)) < on for k in range(months)):
            return True
    return False


def lapse_candidates(*, programme_ids: Sequence[int], on: date) -> pl.DataFrame:
    """(membership_id, unpaid, paid_through) of active BPU members with enough overdue unpaid months."""
    empty = pl.DataFrame(schema={"membership_id": pl.Int64, "unpaid": pl.UInt32, "paid_through": pl.Date})
    if not programme_ids or not _any_overdue(programme_ids, on):
        return empty
    flags = month_flags(programme_ids=programme_ids, on=on, active_only=True)
    if flags.is_empty():
        return empty
    months = flags.get_column("month").unique().to_list()
    dues = pl.DataFrame({"month": months, "due": [due_date(m) for m in months]})
    overdue = flags.join(dues, on="month").filter(~pl.col("paid") & (pl.col("due") < on))
    counts = overdue.group_by("membership_id").agg(pl.len().alias("unpaid"))
    lapsing = counts.filter(pl.col("unpaid") >= lapse_threshold(on))
    return lapsing.join(paid_through(flags), on="membership_id", how="left")


def memberships_lapse(*, actor: Any, on: date, programme_ids: Sequence[int]) -> int:
    """Lapses the BPU members of the programmes who are behind by the rules' months; returns how many.
    Runs inside the caller's transaction (the billing run's)."""
    bpu = list(
        Programme.objects.filter(pk__in=programme_ids).exclude(segment=ProgrammeSegment.PU).values_list("pk", flat=True)
    )
    lapsing = lapse_candidates(programme_ids=bpu, on=on)
    if lapsing.is_empty():
        return 0
    # ``end`` never grows and never falls before ``start``: both kept by the SQL below.
    date_type = "date" if connection.vendor == "postgresql" else "text"
    table = temp_table([("id", "bigint"), ("paid_through", date_type)])
    copy_rows(
        table,
        ["id", "paid_through"],
        lapsing.select(pl.col("membership_id").alias("id"), pl.col("paid_through").dt.strftime("%Y-%m-%d")),
    )
    reason = f"Terhenti: {lapse_threshold(on)} bulan iuran tidak dibayar (per {on:%d/%m/%Y})"
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE enrolment_membership SET status = %s, reason = %s, updated_at = %s, "end" = '  # noqa: S608
            f"CASE WHEN t.paid_through IS NULL OR t.paid_through < enrolment_membership.start "
            f'THEN enrolment_membership.start WHEN t.paid_through < enrolment_membership."end" '
            f'THEN t.paid_through ELSE enrolment_membership."end" END '
            f"FROM {table} t WHERE t.id = enrolment_membership.id",
            [Status.LAPSED.value, reason, db_stamp()],
        )
        cursor.execute(f"DROP TABLE {table}")
    lapsed = Membership.objects.filter(pk__in=lapsing.get_column("membership_id").to_list())
    per_programme = lapsed.values("programme_id", "programme__region_id").annotate(n=Count("id"))
    for row in per_programme:
        audit_record(
            actor=actor,
            action="membership.lapse",
            obj=Programme.objects.get(pk=row["programme_id"]),
            region_code=row["programme__region_id"],
            summary={"on": on.isoformat(), "lapsed": row["n"], "reason": reason},
        )
    return lapsing.height
