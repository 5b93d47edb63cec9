"""The aggregates split by the worker's occupation and by the sponsor (``Breakdown``), recomputed set-based
with the others: a few GROUP BYs over the memberships and bill lines, rolled up to every region level.

A membership's sponsors are its programme's: a worker co-funded by APBD and DBHCHT counts under both. The
amount billed follows the bill's own sponsor, so each rupiah is counted once."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import polars as pl

from jaring.coverage.frames import frame_of, joined, roll_up
from jaring.coverage.models import Breakdown, Dimension
from jaring.funding.models import Sponsor
from jaring.registry.models import Occupation

KEYS = ["village_id", "month", "key"]
ACTIVE = "m.status IN ('active', 'lapsed', 'ended')"
NO_OCCUPATION = "Tidak diisi"


def _figures(table: str, since: date, key: str, join: str, bill_key: str, bill_join: str) -> pl.DataFrame:
    """sponsored, lapsed and billed_amount per (village, month, key) for one dimension."""
    member = f"FROM enrolment_membership m JOIN registry_worker w ON w.id = m.worker_id {join} JOIN {table} t ON "
    group = f"GROUP BY w.village_id, t.month, {key}"
    sponsored = frame_of(
        f"SELECT w.village_id, CAST(t.month AS TEXT), {key}, COUNT(*) {member}m.start <= t.month_last "
        f'AND m."end" >= t.month WHERE {ACTIVE} {group}',
        [],
        "sponsored",
        keys=KEYS,
    )
    lapsed = frame_of(
        f'SELECT w.village_id, CAST(t.month AS TEXT), {key}, COUNT(*) {member}m."end" >= t.month '
        f"AND m.\"end\" <= t.month_last WHERE m.status = 'lapsed' {group}",
        [],
        "lapsed",
        keys=KEYS,
    )
    lines = (
        "FROM billing_billline l JOIN enrolment_membership m ON m.id = l.membership_id "
        "JOIN registry_worker w ON w.id = m.worker_id "
    )
    amount = frame_of(
        f"SELECT w.village_id, CAST(l.month AS TEXT), {bill_key}, SUM(l.amount) {lines}"
        f"{bill_join} WHERE l.month >= %s GROUP BY w.village_id, l.month, {bill_key}",
        [since],
        "billed_amount",
        pl.Float64,
        keys=KEYS,
    )
    return roll_up(joined([sponsored, lapsed, amount], KEYS), KEYS)


def breakdown_refresh(table: str, months: list[date], now: datetime) -> int:
    """Replaces every ``Breakdown`` row (inside the caller's transaction); ``table`` holds the months."""
    occupation_key = "COALESCE(w.occupation_id, '')"
    by_occupation = _figures(table, months[0], occupation_key, "", occupation_key, "")
    sponsor_key = "CAST(ps.sponsor_id AS TEXT)"
    by_sponsor = _figures(
        table,
        months[0],
        sponsor_key,
        "JOIN funding_programmesponsor ps ON ps.programme_id = m.programme_id",
        "CAST(b.sponsor_id AS TEXT)",
        "JOIN billing_bill b ON b.id = l.bill_id",
    )
    names = {
        Dimension.OCCUPATION: {"": NO_OCCUPATION} | dict(Occupation.objects.values_list("code", "name")),
        Dimension.SPONSOR: {str(k): v for k, v in Sponsor.objects.values_list("id", "name")},
    }
    Breakdown.objects.all().delete()
    rows = 0
    for dimension, frame in ((Dimension.OCCUPATION, by_occupation), (Dimension.SPONSOR, by_sponsor)):
        Breakdown.objects.bulk_create(
            (
                Breakdown(
                    region_code=r["region_code"],
                    month=r["month"],
                    dimension=dimension,
                    key=r["key"],
                    label=names[dimension].get(r["key"], r["key"])[:200],
                    sponsored=r["sponsored"],
                    lapsed=r["lapsed"],
                    billed_amount=Decimal(int(r["billed_amount"])),
                    refreshed_at=now,
                )
                for r in frame.iter_rows(named=True)
            ),
            batch_size=5_000,
        )
        rows += frame.height
    return rows
