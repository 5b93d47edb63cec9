"""Duplicates in one file, and possible duplicates (different NIK, same person?) for review."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from jaring.imports.dedupe import dedupe_in_file, jaro_winkler, possible_duplicates


def test_first_row_of_a_nik_is_kept_and_null_keys_never_repeat() -> None:
    df = pl.DataFrame({"__row": [2, 3, 4, 5, 6], "nik": ["A", "B", "A", None, None], "name": list("vwxyz")})
    kept, repeats = dedupe_in_file(df)
    assert kept["__row"].to_list() == [2, 3, 5, 6]
    assert repeats.to_dicts() == [{"__row": 4, "nik": "A", "kept_row": 2}]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("martha", "marhta", 0.961),
        ("dwayne", "duane", 0.84),
        ("dixon", "dicksonx", 0.813),
        ("siti", "siti", 1.0),
        ("abc", "", 0.0),
        ("abc", "xyz", 0.0),
    ],
)
def test_jaro_winkler_reference_values(a: str, b: str, expected: float) -> None:
    assert jaro_winkler(a, b) == pytest.approx(expected, abs=0.001)


PEOPLE = [
    # key, name, birth date, village
    ("3328010101900001", "Siti Aminah", date(1990, 1, 1), "33.28.01.2001"),
    ("3328010101900002", "SITI  AMINAH", date(1990, 1, 1), "33.28.01.2001"),  # same name, other NIK
    ("3328010101900003", "Aminah Siti", date(1990, 1, 1), "33.28.01.2001"),  # words swapped
    ("3328010101900004", "Siti Aminnah", date(1990, 1, 1), "33.28.01.2001"),  # a typo
    ("3328010101900005", "Budi Santoso", date(1990, 1, 1), "33.28.01.2001"),  # someone else
    ("3328010101900006", "Siti Aminah", date(1990, 1, 2), "33.28.01.2001"),  # other birth date
    ("3328010101900007", "Siti Aminah", date(1990, 1, 1), "33.28.01.2002"),  # other village
    ("3328010101900008", "Siti Aminah", None, "33.28.01.2001"),  # no birth date: never compared
]


def test_possible_duplicates() -> None:
    df = pl.DataFrame(PEOPLE, schema=["nik", "name", "birth_date", "village_code"], orient="row")
    pairs = possible_duplicates(df)
    found = {(p["left"][-1], p["right"][-1]): (p["score"], p["reason"].split(";")[0]) for p in pairs.to_dicts()}
    assert found == {
        ("1", "2"): (1.0, "nama sama"),
        ("1", "3"): (0.97, "nama sama, urutan kata berbeda"),
        ("2", "3"): (0.97, "nama sama, urutan kata berbeda"),
        ("1", "4"): (pytest.approx(0.98, abs=0.01), "nama sangat mirip"),
        ("2", "4"): (pytest.approx(0.98, abs=0.01), "nama sangat mirip"),
    }
    assert all(r.endswith("tanggal lahir dan desa sama") for r in pairs["reason"].to_list())


def test_possible_duplicates_of_an_empty_frame() -> None:
    df = pl.DataFrame(schema={"nik": pl.String, "name": pl.String, "birth_date": pl.Date, "village_code": pl.String})
    assert possible_duplicates(df).columns == ["left", "right", "score", "reason"]
    assert possible_duplicates(df).height == 0
