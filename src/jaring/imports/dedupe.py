"""Duplicates inside one file: same NIK, the first row is kept and the later ones counted.

Possible duplicates (different NIK, similar name) are found once the rows are in the registry, by
``jaring.registry.dupes``, for pairs inside the file and against the registry alike.
"""

from __future__ import annotations

import polars as pl

from .reader import ROW


def first_of_key(key: pl.Expr) -> pl.Expr:
    """True on the first row of each key value, and on every row without a key (never a repeat)."""
    return key.is_first_distinct() | key.is_null()


def dedupe_in_file(df: pl.DataFrame, *, key: str = "nik") -> tuple[pl.DataFrame, pl.DataFrame]:
    """(rows kept, later repeats as ``__row``, key, ``kept_row``). A null key is never a repeat."""
    first = df.select(first_of_key(pl.col(key))).to_series()
    kept = df.filter(first)
    repeats = df.filter(~first).select(ROW, key)
    repeats = repeats.join(kept.select(pl.col(ROW).alias("kept_row"), key), on=key, how="left", maintain_order="left")
    return kept, repeats
