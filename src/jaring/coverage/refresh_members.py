"""The memberships' side of the aggregates in one pass: the memberships grouped by village, programme,
occupation, start, end, status and whether they were ever billed (a few thousand groups for a million
memberships), then spread over the months in Polars. The range join of every membership with every month
that this replaces cost a scan of the memberships per month and figure."""

from __future__ import annotations

from datetime import date

import polars as pl
from django.db import connection

from jaring.rules.table import month_end

ACTIVE = ("active", "lapsed", "ended")
GROUPS = {
    "village_id": pl.String,
    "programme_id": pl.Int64,
    "occupation": pl.String,
    "start": pl.String,
    "end": pl.String,
    "status": pl.String,
    "billed": pl.Int64,
    "n": pl.Int64,
}


def member_groups() -> pl.DataFrame:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w.village_id, m.programme_id, COALESCE(w.occupation_id, ''), CAST(m.start AS TEXT), "
            'CAST(m."end" AS TEXT), m.status, CASE WHEN b.membership_id IS NULL THEN 0 ELSE 1 END, COUNT(*) '
            "FROM enrolment_membership m JOIN registry_worker w ON w.id = m.worker_id "
            "LEFT JOIN coverage_billedmember b ON b.membership_id = m.id GROUP BY 1, 2, 3, 4, 5, 6, 7"
        )
        rows = cursor.fetchall()
    frame = pl.DataFrame(rows, schema=GROUPS, orient="row")
    return frame.with_columns(pl.col(c).str.slice(0, 10).str.to_date("%Y-%m-%d") for c in ("start", "end"))


def member_months(groups: pl.DataFrame, months: list[date]) -> pl.DataFrame:
    """Each group's counts in each month: sponsored, lapsed, proposed, accepted, funnel_billed."""
    table = pl.DataFrame({"month": months, "month_last": [month_end(m) for m in months]})
    active = pl.col("status").is_in(ACTIVE)
    started = (pl.col("start") >= pl.col("month")) & (pl.col("start") <= pl.col("month_last"))
    n = pl.col("n")

    def when(condition: pl.Expr) -> pl.Expr:
        return pl.when(condition.fill_null(False)).then(n).otherwise(0)

    ended_in = (pl.col("end") >= pl.col("month")) & (pl.col("end") <= pl.col("month_last"))
    spread = groups.join(table, how="cross").select(
        "village_id", "programme_id", "occupation", "month",
        sponsored=when(active & (pl.col("start") <= pl.col("month_last")) & (pl.col("end") >= pl.col("month"))),
        lapsed=when((pl.col("status") == "lapsed") & ended_in),
        proposed=when(started),
        accepted=when(started & active),
        funnel_billed=when(started & (pl.col("billed") == 1)),
    )  # fmt: skip
    figures = ["sponsored", "lapsed", "proposed", "accepted", "funnel_billed"]
    return spread.filter(pl.any_horizontal(pl.col(f) > 0 for f in figures))
