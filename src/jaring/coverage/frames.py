"""Frames of Jaring's own figures per village and month, as the refresh reads them, and their roll-up to
every region level."""

from __future__ import annotations

from typing import Any

import polars as pl
from django.db import connection

KEYS = ["village_id", "month", "segment"]


def frame_of(sql: str, params: list[Any], value: str, kind: Any = pl.Int64, keys: list[str] = KEYS) -> pl.DataFrame:
    """The rows of a GROUP BY over (village, month, key) as a frame, months as dates."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    schema = dict.fromkeys(keys, pl.String) | {value: kind}
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    return frame.with_columns(pl.col("month").str.slice(0, 10).str.to_date("%Y-%m-%d"))


def joined(parts: list[pl.DataFrame], keys: list[str]) -> pl.DataFrame:
    frame = parts[0]
    for part in parts[1:]:
        frame = frame.join(part, on=keys, how="full", coalesce=True)
    return frame.fill_null(0)


def roll_up(villages: pl.DataFrame, keys: list[str] = KEYS) -> pl.DataFrame:
    """Village rows summed to district, regency, province and Indonesia ("")."""
    values = [c for c in villages.columns if c not in keys]
    levels = [villages.with_columns(pl.col("village_id").alias("region_code"))]
    for parts in (3, 2, 1):
        code = pl.col("village_id").str.split(".").list.head(parts).list.join(".")
        levels.append(villages.with_columns(code.alias("region_code")))
    levels.append(villages.with_columns(pl.lit("").alias("region_code")))
    stacked = pl.concat(levels)
    others = [k for k in keys if k != "village_id"]
    return stacked.group_by("region_code", *others).agg(pl.col(v).sum() for v in values)
