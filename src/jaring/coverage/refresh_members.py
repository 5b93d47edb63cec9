"""The memberships' side of the aggregates in one pass: the memberships grouped by village, programme,
occupation, start, end, status and whether they were ever billed (a few thousand groups for a million
memberships), then spread over the months in Polars. The range join of every membership with every month
that this replaces cost a scan of the memberships per month and figure."""

from __future__ import annotations

from datetime import date

import polars as pl

from jaring.registry.bulk import read_frame
from jaring.rules.table import month_end

ACTIVE = ("active", "lapsed", "ended")
ROWS = {
    "membership_id": pl.Int64,
    "village_id": pl.String,
    "programme_id": pl.Int64,
    "occupation": pl.String,
    "start": pl.Date,
    "end": pl.Date,
    "status": pl.String,
    "billed": pl.Int64,
}
GROUP_KEYS = ["village_id", "programme_id", "occupation", "start", "end", "status", "billed"]


def member_rows() -> pl.DataFrame:
    """Every membership with what the aggregates group it by, read once (by COPY on PostgreSQL) and grouped in
    Polars: a GROUP BY of a million memberships joined to their workers cost SQLite seconds of sorting. The
    bill lines' figures use the same frame to find each line's village, programme and occupation."""
    return read_frame(
        "SELECT m.id, w.village_id, m.programme_id, COALESCE(w.occupation_id, ''), CAST(m.start AS TEXT), "
        'CAST(m."end" AS TEXT), m.status, CASE WHEN b.membership_id IS NULL THEN 0 ELSE 1 END '
        "FROM enrolment_membership m JOIN registry_worker w ON w.id = m.worker_id "
        "LEFT JOIN coverage_billedmember b ON b.membership_id = m.id",
        [],
        ROWS,
    )


def member_groups(rows: pl.DataFrame) -> pl.DataFrame:
    """The memberships grouped by village, programme, occupation, start, end, status and whether they were ever
    billed (a few thousand groups for a million memberships)."""
    return rows.group_by(GROUP_KEYS).agg(pl.len().cast(pl.Int64).alias("n"))


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
