"""Duplicates in one file: the first row of a NIK is kept."""

from __future__ import annotations

import polars as pl

from jaring.imports.dedupe import dedupe_in_file


def test_first_row_of_a_nik_is_kept_and_null_keys_never_repeat() -> None:
    df = pl.DataFrame({"__row": [2, 3, 4, 5, 6], "nik": ["A", "B", "A", None, None], "name": list("vwxyz")})
    kept, repeats = dedupe_in_file(df)
    assert kept["__row"].to_list() == [2, 3, 5, 6]
    assert repeats.to_dicts() == [{"__row": 4, "nik": "A", "kept_row": 2}]
