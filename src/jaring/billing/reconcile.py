"""Comparing BPJS's active participant list with a programme's memberships and what was paid for them.

Set-based: the list, the members (by NIK through the registry) and their paid-through dates are Polars frames
joined once; the findings go to the database by the bulk path (COPY on PostgreSQL). Four categories, as
issue 11 names them:

- matched: paid here and active at BPJS, the same paid-until month and KPJ;
- different: paid here and active at BPJS, but BPJS's paid-until month differs from ours, or the KPJ does, or
  (when BPJS's list carries the monthly iuran) the amount differs from the member's iuran in the programme's
  latest billed month;
- paid_not_active: paid here, but not active at BPJS (marked non-active, or not on its list at all);
- active_not_paid: active at BPJS, but no paid membership here (unpaid, lapsed, or a NIK not in the
  programme; such a NIK is named only when the registry holds the worker inside the programme's region).

"Paid here" means paid through at least the end of the month before the run's date: the current month's
bill is normally settled during the month, so a member whose last month is still being paid is not flagged.

The matched findings go to a Parquet file beside the list (reconcile_files.py), the others to the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import polars as pl
from django.db import connection, transaction

from jaring.audit.services import audit_record
from jaring.billing.models_reconcile import Category, ReconciliationRun
from jaring.billing.paid import month_flags, paid_through
from jaring.billing.reconcile_files import matched_write
from jaring.billing.reconcile_list import ActiveList
from jaring.funding.models import Programme
from jaring.registry.bulk import copy_rows, read_frame, temp_table
from jaring.rules.table import month_start

Report = Callable[[str, int, int], None]
ROW_COLUMNS = (
    "run_id", "category", "row", "nik", "membership_id", "worker_id", "bpjs_active", "kpj_bpjs", "kpj_here",
    "paid_until_bpjs", "paid_through_here", "months_apart", "kpj_differs", "amount_bpjs", "amount_here",
)  # fmt: skip
# The iuran of each member in the programme's latest billed month (what BPJS's monthly amount is compared with).
AMOUNTS_SQL = (
    "SELECT l.membership_id, SUM(l.amount) FROM billing_billline l "
    "JOIN enrolment_membership m ON m.id = l.membership_id "
    "WHERE m.programme_id = %s AND l.kind = 'i' AND l.month = %s GROUP BY l.membership_id"
)


@dataclass(frozen=True)
class Counts:
    rows: int
    matched: int
    paid_not_active: int
    active_not_paid: int
    different: int

    def as_json(self) -> dict[str, int]:
        # Exactly the keys of the interface (`jaring reconcile --json`).
        return {
            "rows": self.rows,
            "matched": self.matched,
            "paid_not_active": self.paid_not_active,
            "active_not_paid": self.active_not_paid,
            "different": self.different,
        }


def _grouping_memory(cursor: Any) -> None:
    # PostgreSQL's default 4 MB work_mem makes the grouping of a million members' lines spill to disk
    # (bench/RESULTS.md); for this transaction only.
    if connection.vendor == "postgresql":
        cursor.execute("SET LOCAL work_mem = '256MB'")


def member_amounts(programme: Programme, month: date | None) -> pl.DataFrame:
    """(membership_id, amount_here): each member's iuran in ``month`` (the programme's latest billed month)."""
    schema = {"membership_id": pl.Int64, "amount_here": pl.Int64}
    if month is None:
        return pl.DataFrame(schema=schema)
    with transaction.atomic(), connection.cursor() as cursor:
        _grouping_memory(cursor)
        cursor.execute(AMOUNTS_SQL, [programme.pk, month])
        rows = [(m, int(a)) for m, a in cursor.fetchall()]
    return pl.DataFrame(rows, schema=schema, orient="row")


def programme_members(programme: Programme, on: date) -> pl.DataFrame:
    """One row per NIK of the programme's memberships: (membership_id, nik, kpj_here, paid_through_here,
    last_billed).

    Paid-through is billing.paid's rule (``month_flags`` then ``paid_through``) with the membership's end as a
    cap, as billing.status.member_paid_through has it. A worker with more than one membership here (one
    cancelled, one new) is represented by the one paid furthest, else the newest."""
    members_sql = (
        'SELECT m.id, w.nik, m.kpj, CAST(m."end" AS TEXT) FROM enrolment_membership m '
        "JOIN registry_worker w ON w.id = m.worker_id WHERE m.programme_id = %s"
    )
    members = read_frame(
        members_sql,
        [programme.pk],
        {"membership_id": pl.Int64, "nik": pl.String, "kpj_here": pl.String, "end": pl.Date},
    )
    flags = month_flags(programme_ids=[programme.pk], on=on)
    last = flags.group_by("membership_id").agg(pl.col("month").max().alias("last_billed"))
    members = members.join(paid_through(flags), on="membership_id", how="left").join(
        last, on="membership_id", how="left"
    )
    return (
        members.with_columns(
            pl.when(pl.col("paid_through").is_null())
            .then(pl.lit(None, pl.Date))
            .otherwise(pl.min_horizontal("paid_through", "end"))
            .alias("paid_through_here")
        )
        .sort(["paid_through_here", "membership_id"], descending=True, nulls_last=True)
        .unique("nik", keep="first")
        .select("membership_id", "nik", "kpj_here", "paid_through_here", "last_billed")
    )


def _month_index(column: str) -> pl.Expr:
    return pl.col(column).dt.year().cast(pl.Int32) * 12 + pl.col(column).dt.month().cast(pl.Int32)


def findings(listing: pl.DataFrame, members: pl.DataFrame, on: date) -> pl.DataFrame:
    """The categorised NIKs of the list and the members (those in none of the four categories dropped)."""
    threshold = month_start(on) - timedelta(days=1)
    both = listing.join(members, on="nik", how="full", coalesce=True)
    active = pl.col("active").fill_null(False)
    paid = (pl.col("paid_through_here") >= threshold).fill_null(False)
    apart = _month_index("paid_through_here") - _month_index("paid_until")
    kpj_differs = (
        pl.col("kpj").is_not_null() & (pl.col("kpj_here").fill_null("") != "") & (pl.col("kpj") != pl.col("kpj_here"))
    ).fill_null(False)
    amount_differs = (pl.col("amount") != pl.col("amount_here")).fill_null(False)
    category = (
        pl.when(active & paid & ((apart.abs() >= 1).fill_null(False) | kpj_differs | amount_differs))
        .then(pl.lit(Category.DIFFERENT.value))
        .when(active & paid)
        .then(pl.lit(Category.MATCHED.value))
        .when(paid)
        .then(pl.lit(Category.PAID_NOT_ACTIVE.value))
        .when(active)
        .then(pl.lit(Category.ACTIVE_NOT_PAID.value))
    )
    return (
        both.with_columns(
            category.alias("category"),
            apart.cast(pl.Int16).alias("months_apart"),
            kpj_differs.alias("kpj_differs"),
        )
        .filter(pl.col("category").is_not_null())
        .select(
            "category",
            "row",
            "nik",
            "membership_id",
            pl.col("active").alias("bpjs_active"),
            pl.col("kpj").fill_null("").alias("kpj_bpjs"),
            pl.col("kpj_here").fill_null(""),
            pl.col("paid_until").alias("paid_until_bpjs"),
            "paid_through_here",
            "months_apart",
            "kpj_differs",
            pl.col("amount").alias("amount_bpjs"),
            "amount_here",
        )
    )


def _region_workers(niks: pl.Series, region_code: str) -> pl.DataFrame:
    """(nik, worker_id) of the registry's workers with these NIKs whose village lies in ``region_code``: a
    NIK of a worker elsewhere is a scope decision and comes back as not found."""
    empty = pl.DataFrame(schema={"nik": pl.String, "worker_id": pl.Int64})
    if niks.len() == 0:
        return empty
    stage = temp_table([("nik", "varchar(16)")])
    copy_rows(stage, ["nik"], niks.to_frame("nik"))
    # The stage's name comes from temp_table, never from input; the region is a parameter.
    sql = (
        f"SELECT w.nik, w.id FROM {stage} s JOIN registry_worker w ON w.nik = s.nik "  # noqa: S608
        "WHERE w.village_id = %s OR w.village_id LIKE %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [region_code, f"{region_code}.%"])
        rows = cursor.fetchall()
        cursor.execute(f"DROP TABLE {stage}")
    return pl.DataFrame(rows, schema=empty.schema, orient="row") if rows else empty


def _counts(found: pl.DataFrame, rows: int) -> Counts:
    per = dict(found.group_by("category").len().iter_rows())
    return Counts(rows=rows, **{c.value: int(per.get(c.value, 0)) for c in Category})


def _write(run: ReconciliationRun, found: pl.DataFrame) -> None:
    order = {c.value: i for i, c in enumerate(Category)}
    frame = found.sort(pl.col("category").replace_strict(order, return_dtype=pl.Int8), "row", "nik").with_columns(
        pl.lit(run.pk.hex).alias("run_id")
    )
    matched = pl.col("category") == Category.MATCHED.value
    matched_write(str(run.pk), frame.filter(matched).select(ROW_COLUMNS[1:]))
    frame = frame.filter(~matched)
    if connection.vendor != "postgresql":
        # sqlite3's default date adapter is deprecated: dates go in as the ISO text Django reads back.
        frame = frame.with_columns(pl.col("paid_until_bpjs", "paid_through_here").dt.strftime("%Y-%m-%d"))
    copy_rows("billing_reconciliationrow", list(ROW_COLUMNS), frame)


def reconciliation_apply(*, actor: Any, run: ReconciliationRun, listing: ActiveList, report: Report) -> Counts:
    """Compares and stores one run's findings and counts, in one transaction with its audit event."""
    programme = run.programme
    report("compare", 0, listing.rows)
    members = programme_members(programme, run.on)
    if listing.frame.get_column("amount").is_not_null().any():
        latest = members.get_column("last_billed").max()
        members = members.join(member_amounts(programme, latest), on="membership_id", how="left")  # type: ignore[arg-type]
    else:
        members = members.with_columns(pl.lit(None, pl.Int64).alias("amount_here"))
    found = findings(listing.frame, members, run.on)
    unknown = found.filter(pl.col("membership_id").is_null())
    known = _region_workers(unknown.get_column("nik"), programme.region_id)
    found = found.join(known, on="nik", how="left")
    counts = _counts(found, listing.rows)
    report("write", 0, found.height)
    with transaction.atomic():
        _write(run, found)
        ReconciliationRun.objects.filter(pk=run.pk).update(**counts.as_json())
        audit_record(
            actor=actor,
            action="reconciliation.run",
            obj=run,
            region_code=programme.region_id,
            summary={**counts.as_json(), "programme": programme.pk, "file": run.original_name, "on": str(run.on)},
        )
    return counts
