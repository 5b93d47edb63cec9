"""The aggregates split by the worker's occupation and by the sponsor (``Breakdown``), from the same
frames as the aggregates (refresh.py), rolled up to every region level.

A membership's sponsors are its programme's: a worker co-funded by APBD and DBHCHT counts under both. The
amount billed follows the bill's own sponsor, so each rupiah is counted once."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import polars as pl
from django.db.models import Q

from jaring.coverage.frames import joined, roll_up
from jaring.coverage.models import Breakdown, Dimension
from jaring.funding.models import Sponsor
from jaring.registry.models import Occupation

KEYS = ["village_id", "month", "key"]
NO_OCCUPATION = "Tidak diisi"
SCHEMA = {
    "region_code": pl.String,
    "month": pl.Date,
    "key": pl.String,
    "billed_amount": pl.Float64,
}


def _kept(dimension: str, since: date, fresh: list[date]) -> pl.DataFrame:
    rows = (
        Breakdown.objects.filter(dimension=dimension, month__gte=since)
        .exclude(month__in=fresh)
        .exclude(billed_amount=0)
        .values_list("region_code", "month", "key", "billed_amount")
    )
    return pl.DataFrame([(*r[:3], float(r[3])) for r in rows], schema=SCHEMA, orient="row")


def _figures(
    members: pl.DataFrame, amounts: pl.DataFrame, member_key: pl.Expr, amount_key: pl.Expr
) -> tuple[pl.DataFrame, pl.DataFrame]:
    own = members.with_columns(member_key.alias("key")).explode("key").drop_nulls("key")
    own = own.group_by(KEYS).agg(pl.col("sponsored").sum(), pl.col("lapsed").sum())
    own = own.filter((pl.col("sponsored") > 0) | (pl.col("lapsed") > 0))
    billed = amounts.with_columns(amount_key.alias("key")).group_by(KEYS).agg(pl.col("billed_amount").sum())
    return roll_up(own, KEYS), roll_up(billed, KEYS)


def breakdown_refresh(
    members: pl.DataFrame,
    amounts: pl.DataFrame,
    sponsors: dict[int, list[str]],
    since: date,
    fresh: list[date] | None,
    now: datetime,
) -> int:
    """Replaces every ``Breakdown`` row (inside the caller's transaction). ``members`` and ``amounts`` are
    the refresh's frames; with ``fresh`` the amounts are those months' only and the others are kept."""
    parts = {
        Dimension.OCCUPATION: _figures(members, amounts, pl.concat_list("occupation"), pl.col("occupation")),
        Dimension.SPONSOR: _figures(
            members,
            amounts,
            pl.col("programme_id").replace_strict(sponsors, default=None, return_dtype=pl.List(pl.String)),
            pl.col("sponsor_id").cast(pl.String),
        ),
    }
    names = {
        Dimension.OCCUPATION: {"": NO_OCCUPATION} | dict(Occupation.objects.values_list("code", "name")),
        Dimension.SPONSOR: {str(k): v for k, v in Sponsor.objects.values_list("id", "name")},
    }
    frames = {}
    for dimension, (own, billed) in parts.items():
        billed = billed.with_columns(pl.col("month").cast(pl.Date))
        if fresh is not None:
            billed = pl.concat([billed, _kept(dimension, since, fresh)], how="diagonal_relaxed")
        keys = ["region_code", "month", "key"]
        frames[dimension] = joined([own.with_columns(pl.col("month").cast(pl.Date)), billed], keys)
    Breakdown.objects.filter(Q(dimension__in=list(frames))).delete()
    rows = 0
    for dimension, frame in frames.items():
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
