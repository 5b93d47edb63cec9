"""The bill lines' side of the aggregates: members billed and amounts per village and month, read for
every month (a full refresh) or only for the months the new bills' lines speak of, through the bills that
can hold lines of those months (the lines' only index is the bill's)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import polars as pl
from django.db import connection

from jaring.billing.models import Bill
from jaring.coverage.models_counted import BilledMember, CountedBill
from jaring.registry.bulk import read_frame
from jaring.rules.table import add_months


def _marks(values: Sequence[object]) -> str:
    return ", ".join(["%s"] * len(values))


def counted_reset() -> list[int]:
    """A full refresh: every bill counted, the billed memberships read from all the lines."""
    CountedBill.objects.all().delete()
    BilledMember.objects.all().delete()
    bills = list(Bill.objects.values_list("pk", flat=True))
    CountedBill.objects.bulk_create((CountedBill(bill_id=b) for b in bills), batch_size=5_000)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO coverage_billedmember (membership_id) "
            "SELECT DISTINCT membership_id FROM billing_billline WHERE kind = 'i'"
        )
    return bills


def counted_new() -> tuple[list[int], list[date]]:
    """The bills made since the last refresh (now counted) and the months their lines speak of."""
    counted = CountedBill.objects.values("bill_id")
    new = list(Bill.objects.exclude(pk__in=counted).values_list("pk", flat=True))
    if not new:
        return [], []
    CountedBill.objects.bulk_create((CountedBill(bill_id=b) for b in new), batch_size=5_000)
    marks = _marks(new)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO coverage_billedmember (membership_id) SELECT DISTINCT l.membership_id "  # noqa: S608
            f"FROM billing_billline l WHERE l.bill_id IN ({marks}) AND l.kind = 'i' AND NOT EXISTS "
            "(SELECT 1 FROM coverage_billedmember b WHERE b.membership_id = l.membership_id)",
            new,
        )
        cursor.execute(f"SELECT DISTINCT CAST(month AS TEXT) FROM billing_billline WHERE bill_id IN ({marks})", new)  # noqa: S608
        months = sorted(date.fromisoformat(r[0][:10]) for r in cursor.fetchall())
    return new, months


def holding(months: list[date]) -> list[int]:
    """The bills that can hold lines of these months: those covering one (iuran) and any later one
    (corrections and fines of earlier months)."""
    found = []
    for pk, first, span in Bill.objects.values_list("pk", "month", "months"):
        if any(first <= m < add_months(first, span) or first > m for m in months):
            found.append(pk)
    return found


def line_figures(since: date, months: list[date] | None, members: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(members billed per village, month and programme; amounts per village, month, programme, occupation
    and the bill's sponsor), for every month from ``since`` or only for ``months``.

    The lines travel once, bare (by COPY on PostgreSQL), and meet ``members`` (refresh_members.member_rows)
    in Polars: joining a million lines to the memberships and the registry and grouping them twice in the
    database cost 5.6 s on SQLite and 12 s on PostgreSQL (bench/RESULTS.md)."""
    params: list[Any]
    if months is None:
        where, params = "l.month >= %s", [since.isoformat()]
    else:
        bills = holding(months) if months else []
        if bills:
            where = f"l.bill_id IN ({_marks(bills)}) AND l.month IN ({_marks(months)})"
            params = [*bills, *(m.isoformat() for m in months)]
        else:  # no new bills (after an import or a cohort): the frames' shapes, without rows
            where, params = "1 = 0", []
    amount = "CAST(l.amount AS bigint)" if connection.vendor == "postgresql" else "CAST(l.amount AS INTEGER)"
    lines = read_frame(
        f"SELECT l.membership_id, CAST(l.month AS TEXT), l.kind, {amount}, b.sponsor_id "  # noqa: S608
        f"FROM billing_billline l JOIN billing_bill b ON b.id = l.bill_id WHERE {where}",
        params,
        {"membership_id": pl.Int64, "month": pl.String, "kind": pl.String, "amount": pl.Int64, "sponsor_id": pl.Int64},
    )
    lines = lines.join(
        members.select("membership_id", "village_id", "programme_id", "occupation"), on="membership_id", how="inner"
    ).with_columns(pl.col("month").str.slice(0, 10).str.to_date("%Y-%m-%d"))
    billed = (
        lines.filter(pl.col("kind") == "i")
        .group_by("village_id", "month", "programme_id")
        .agg(pl.col("membership_id").n_unique().cast(pl.Int64).alias("billed"))
    )
    amounts = lines.group_by("village_id", "month", "programme_id", "occupation", "sponsor_id").agg(
        pl.col("amount").sum().cast(pl.Float64).alias("billed_amount")
    )
    return billed, amounts
