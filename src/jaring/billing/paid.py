"""Which iuran months are paid, by a date: the ground of "paid through", lapse and arrears.

A member's month is paid when every positive line of it (iuran, or a correction that added to it) lies in
a bill settled by that date; a month whose lines net to nothing (voided by a correction) is not a month.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import polars as pl
from django.db import connection

FLAGS = {"membership_id": pl.Int64, "month": pl.Date, "paid": pl.Boolean}


def month_flags(*, programme_ids: Sequence[int], on: date, active_only: bool = False) -> pl.DataFrame:
    """(membership_id, month, paid) for every billed month of the programmes' memberships."""
    if not programme_ids:
        return pl.DataFrame(schema=FLAGS)
    marks = ", ".join(["%s"] * len(programme_ids))
    active = "AND m.status = 'active' " if active_only else ""
    sql = (
        "SELECT l.membership_id, CAST(l.month AS TEXT), "  # noqa: S608 (placeholders and fixed words only)
        "MIN(CASE WHEN l.amount <= 0 OR (b.settled_on IS NOT NULL AND b.settled_on <= %s) THEN 1 ELSE 0 END) "
        "FROM billing_billline l JOIN billing_bill b ON b.id = l.bill_id "
        "JOIN enrolment_membership m ON m.id = l.membership_id "
        f"WHERE m.programme_id IN ({marks}) {active}AND l.kind IN ('i', 'a') "
        "GROUP BY l.membership_id, l.month HAVING SUM(l.amount) > 0"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [on, *programme_ids])
        rows = cursor.fetchall()
    frame = pl.DataFrame(rows, schema={"membership_id": pl.Int64, "month": pl.String, "paid": pl.Int64}, orient="row")
    return frame.select(
        "membership_id",
        pl.col("month").str.slice(0, 10).str.to_date("%Y-%m-%d"),
        pl.col("paid").cast(pl.Boolean),
    )


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
