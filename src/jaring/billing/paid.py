"""Which iuran months are paid, by a date: the ground of "paid through", lapse and arrears.

A member's month is paid when every positive line of it (iuran, or a correction that added to it) lies in
a bill settled by that date; a month whose lines net to nothing (voided by a correction) is not a month.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import polars as pl
from django.db import connection

from jaring.registry.bulk import read_frame

FLAGS = {"membership_id": pl.Int64, "month": pl.Date, "paid": pl.Boolean}


def _days(column: str) -> str:
    """SQL for a date as days since 1 January 1970: one integer, cheap to compute and to send, on both databases
    (PostgreSQL's EXTRACT works in numeric and cost a second a million lines)."""
    if connection.vendor == "postgresql":
        return f"({column} - DATE '1970-01-01')"
    return f"CAST(julianday({column}) - 2440587.5 AS INTEGER)"


def _from_days(days: pl.Expr) -> pl.Expr:
    return days.cast(pl.Int32).cast(pl.Date)


# A line's amount in the low 40 bits of its packed integer (a line of a trillion rupiah goes the long way).
_LOW = 1 << 40


def month_flags(*, programme_ids: Sequence[int], on: date, active_only: bool = False) -> pl.DataFrame:
    """(membership_id, month, paid) for every billed month of the programmes' memberships.

    Grouped here, not in the database: a million members' months grouped by SQLite, or by PostgreSQL under its
    default memory, cost seconds (bench/RESULTS.md), while an iuran line travels as two integers (the member;
    its month, whether its bill is still open by ``on``, whether it is positive and its amount, packed).
    Corrections (which may be negative) come as they are; they are few.
    """
    if not programme_ids:
        return pl.DataFrame(schema=FLAGS)
    marks = ", ".join(["%s"] * len(programme_ids))
    active = "AND m.status = 'active' " if active_only else ""
    members = f"JOIN enrolment_membership m ON m.id = l.membership_id WHERE m.programme_id IN ({marks}) {active}"
    is_open = "CASE WHEN l.bill_id IN (SELECT b.id FROM billing_bill b WHERE b.settled_on IS NULL OR b.settled_on > %s)"
    amount = "CAST(l.amount AS bigint)" if connection.vendor == "postgresql" else "CAST(l.amount AS INTEGER)"
    plain = f"l.kind = 'i' AND l.amount >= 0 AND l.amount < {_LOW}"
    packed_sql = (
        f"SELECT l.membership_id, ({_days('l.month')} * 4 + {is_open} THEN 2 ELSE 0 END "  # noqa: S608
        f"+ CASE WHEN l.amount > 0 THEN 1 ELSE 0 END) * {_LOW} + {amount} "
        f"FROM billing_billline l {members}AND {plain}"
    )
    other_sql = (
        f"SELECT l.membership_id, {_days('l.month')}, {is_open} THEN 1 ELSE 0 END, {amount} "  # noqa: S608
        f"FROM billing_billline l {members}AND l.kind IN ('i', 'a') AND NOT ({plain})"
    )
    packed = read_frame(packed_sql, [on, *programme_ids], {"membership_id": pl.Int64, "code": pl.Int64})
    with connection.cursor() as cursor:
        cursor.execute(other_sql, [on, *programme_ids])
        other_rows = cursor.fetchall()
    head = pl.col("code") // _LOW
    lines = pl.concat(
        [
            packed.select(
                "membership_id",
                (head // 4).alias("day"),
                ((head & 3) == 3).alias("open_positive"),
                (pl.col("code") % _LOW).alias("amount"),
            ),
            pl.DataFrame(
                [(m, i, bool(o) and int(a) > 0, int(a)) for m, i, o, a in other_rows],
                schema={"membership_id": pl.Int64, "day": pl.Int64, "open_positive": pl.Boolean, "amount": pl.Int64},
                orient="row",
            ),
        ]
    )
    # Paid when none of the month's positive lines is in an open bill; a month at all when its lines add up.
    months = lines.group_by("membership_id", "day").agg(
        (~pl.col("open_positive").any()).alias("paid"), pl.col("amount").sum().alias("total")
    )
    return months.filter(pl.col("total") > 0).select("membership_id", _from_days(pl.col("day")).alias("month"), "paid")


def paid_through(flags: pl.DataFrame) -> pl.DataFrame:
    """(membership_id, paid_through): the last day before the first unpaid month, or the end of the last
    billed month when all are paid; null when the first month is unpaid."""
    per = flags.group_by("membership_id").agg(
        pl.col("month").filter(~pl.col("paid")).min().alias("first_unpaid"),
        pl.col("month").max().alias("last_billed"),
        pl.col("month").min().alias("first_billed"),
    )
    return per.select(
        "membership_id",
        pl.when(pl.col("first_unpaid").is_null())
        .then(pl.col("last_billed").dt.month_end())
        .when(pl.col("first_unpaid") > pl.col("first_billed"))
        .then(pl.col("first_unpaid").dt.offset_by("-1d"))
        .otherwise(pl.lit(None, pl.Date))
        .alias("paid_through"),
    )
