"""The late-payment fine of PU memberships (PP 44/2015: 2% a month; 0.5% in the PP 49/2020 window), as
lines of the sponsor's next bill: each run adds what the fine on the still-unpaid iuran has grown to
since the fines already billed. BPU memberships have no fine; they lapse (lapse.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import polars as pl
from django.db import connection

from jaring.billing.models import Bill
from jaring.funding.models import Programme, ProgrammeSegment
from jaring.registry.bulk import copy_rows
from jaring.rules.late import late_payment_fine

COLUMNS = ("bill_id", "membership_id", "month", "benefit", "kind", "amount", "rule_code", "modifier")


def _rows(sql: str, params: list[Any], value: str) -> pl.DataFrame:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    schema = {"membership_id": pl.Int64, "month": pl.String, value: pl.Int64}
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    return frame.with_columns(pl.col("month").str.slice(0, 10).str.to_date("%Y-%m-%d"))


def _unpaid(bill: Bill) -> pl.DataFrame:
    """(membership, month, iuran, fined) of the sponsor's earlier unsettled bills, PU programmes only."""
    member_of_pu = (
        "JOIN enrolment_membership m ON m.id = l.membership_id JOIN funding_programme p ON p.id = m.programme_id "
        "WHERE b.sponsor_id = %s AND b.id <> %s AND p.segment = %s "
    )
    params: list[Any] = [bill.sponsor_id, bill.pk, ProgrammeSegment.PU.value]
    unpaid = _rows(
        "SELECT l.membership_id, CAST(l.month AS TEXT), SUM(l.amount) FROM billing_billline l "  # noqa: S608
        f"JOIN billing_bill b ON b.id = l.bill_id {member_of_pu}"
        "AND b.settled_on IS NULL AND b.total > 0 AND l.kind IN ('i', 'a') GROUP BY l.membership_id, l.month",
        params,
        "iuran",
    )
    fined = _rows(
        "SELECT l.membership_id, CAST(l.month AS TEXT), SUM(l.amount) FROM billing_billline l "  # noqa: S608
        f"JOIN billing_bill b ON b.id = l.bill_id {member_of_pu}"
        "AND l.kind = 'f' GROUP BY l.membership_id, l.month",
        params,
        "fined",
    )
    return unpaid.join(fined, on=["membership_id", "month"], how="left").with_columns(pl.col("fined").fill_null(0))


def fines_add(*, bills: list[Bill], today: date) -> int:
    """Adds to each new bill the growth of the fine on its sponsor's unpaid PU iuran; returns the lines."""
    added = 0
    for bill in bills:
        # Only PU programmes are fined; most sponsors fund BPU only (a cheap question before reading lines).
        if not Programme.objects.filter(segment=ProgrammeSegment.PU, sponsors__sponsor_id=bill.sponsor_id).exists():
            continue
        unpaid = _unpaid(bill).filter(pl.col("iuran") > 0)
        if unpaid.is_empty():
            continue
        # The rule once per iuran month (a handful), applied to every member's line by multiplication.
        terms = []
        for month in unpaid.get_column("month").unique().to_list():
            fine = late_payment_fine(Decimal(100_000_000), month, today)
            terms.append((month, int(fine.rate_percent * 100), fine.months_late, fine.rule_codes[0]))
        rates = pl.DataFrame(
            terms, schema={"month": pl.Date, "bp": pl.Int64, "late": pl.Int64, "rule_code": pl.String}, orient="row"
        )
        owed = pl.col("iuran") * pl.col("bp") * pl.col("late")
        lines = (
            unpaid.join(rates, on="month")
            .with_columns(((owed + 5_000) // 10_000 - pl.col("fined")).alias("amount"))
            .filter(pl.col("amount") > 0)
        )
        if lines.is_empty():
            continue
        rows = lines.select(
            bill_id=pl.lit(bill.pk, pl.Int64),
            membership_id="membership_id",
            month=pl.col("month").dt.strftime("%Y-%m-%d"),
            benefit=pl.lit("DND"),
            kind=pl.lit("f"),
            amount="amount",
            rule_code="rule_code",
            modifier=pl.lit(""),
        )
        copy_rows("billing_billline", COLUMNS, rows)
        added += rows.height
    return added
