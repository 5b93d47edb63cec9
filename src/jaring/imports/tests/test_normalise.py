"""Cell normalisation, table-driven per field; the region-name expression against the Python original."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jaring.imports.normalise import (
    date_expr,
    decile_expr,
    income_expr,
    name_expr,
    phone_expr,
    sex_expr,
    village_code_expr,
)
from jaring.imports.schema import region_name_expr
from jaring.regions.naming import normalize_region_name

REFERENCE = date(2026, 1, 1)


def _apply(expr: Callable[[pl.Expr], pl.Expr], value: str | None) -> Any:
    return pl.DataFrame({"v": [value]}, schema={"v": pl.String}).select(expr(pl.col("v"))).item()


DATES = [
    ("17/08/1990", date(1990, 8, 17)),
    ("7/8/1990", date(1990, 8, 7)),
    ("17-08-1990", date(1990, 8, 17)),
    ("17.08.1990", date(1990, 8, 17)),
    ("1990-08-17", date(1990, 8, 17)),
    ("1990-08-17 00:00:00", date(1990, 8, 17)),  # a date cell as the reader renders it
    ("33102", date(1990, 8, 17)),  # an Excel serial number
    ("33102.75", date(1990, 8, 17)),  # a serial with a time of day
    ("32000", date(1987, 8, 11)),
    ("61", date(1900, 3, 1)),  # first serial past Excel's phantom 29/02/1900
    ("17 Agustus 1990", date(1990, 8, 17)),
    ("17-Agt-1990", date(1990, 8, 17)),
    ("1 Mei 2001", date(2001, 5, 1)),
    ("17/08/90", date(1990, 8, 17)),
    ("01/02/05", date(2005, 2, 1)),
    (" 17/08/1990 ", date(1990, 8, 17)),
    ("08/17/1990", None),  # month first is never guessed
    ("31/02/1990", None),
    ("29/02/2001", None),
    ("1899-12-31", None),
    ("0", None),
    ("kemarin", None),
    ("19900817", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_dates(text: str | None, expected: date | None) -> None:
    assert _apply(lambda e: date_expr(e, REFERENCE), text) == expected


INCOMES = [
    ("Rp 1.500.000", 1_500_000),
    ("1.500.000", 1_500_000),
    ("1500000", 1_500_000),
    ("Rp1.500.000,00", 1_500_000),
    ("Rp. 1.500.000,-", 1_500_000),
    ("IDR 1,500,000.00", 1_500_000),
    ("1,5 juta", 1_500_000),
    ("2 jt", 2_000_000),
    ("500 ribu", 500_000),
    ("750rb", 750_000),
    ("1500000.5", 1_500_001),  # half a rupiah rounds up
    ("1500000.4", 1_500_000),
    ("1.500", 1_500),
    ("0", 0),
    ("-500.000", -500_000),
    ("(500.000)", -500_000),
    ("satu juta", None),
    ("1.5.0", None),
    ("99999999999999999999", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), INCOMES)
def test_incomes(text: str, expected: int | None) -> None:
    assert _apply(income_expr, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L", "M"),
        ("l", "M"),
        ("Laki-laki", "M"),
        ("LAKI LAKI", "M"),
        ("Laki2", "M"),
        ("LK", "M"),
        ("Pria", "M"),
        ("M", "M"),
        ("P", "F"),
        ("Perempuan", "F"),
        ("PR", "F"),
        ("Wanita", "F"),
        ("F", "F"),
        ("X", None),
        ("", None),
    ],
)
def test_sex(text: str, expected: str | None) -> None:
    assert _apply(sex_expr, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("081234567890", "081234567890"),
        ("0812-3456-7890", "081234567890"),
        ("+62 812 3456 7890", "6281234567890"),
        ("81234567890", "081234567890"),  # a numeric cell dropped the leading 0
        ("(0283) 351234", "0283351234"),
        ("12345", None),
        ("0800", None),
    ],
)
def test_phone(text: str, expected: str | None) -> None:
    assert _apply(phone_expr, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3328012001", "33.28.01.2001"),
        ("33.28.01.2001", "33.28.01.2001"),
        (" 33 28 01 2001 ", "33.28.01.2001"),
        ("33-28-01-2001", "33.28.01.2001"),
        ("332801", "332801"),  # not a village code: kept, and later reported unknown
        ("Prupuk", "Prupuk"),
        ("", None),
    ],
)
def test_village_code(text: str, expected: str | None) -> None:
    assert _apply(village_code_expr, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  siti   AMINAH ", "Siti Aminah"),
        ("o’neil", "O'Neil"),
        ("NUR-AISYAH", "Nur-Aisyah"),
        ("siti\taminah", "Siti Aminah"),
        ("  ", None),
    ],
)
def test_names(text: str, expected: str | None) -> None:
    assert _apply(name_expr, text) == expected


@pytest.mark.parametrize(("text", "expected"), [("1", 1), ("Desil 3", 3), ("10", 10), ("11", None), ("x", None)])
def test_decile(text: str, expected: int | None) -> None:
    assert _apply(decile_expr, text) == expected


REGION_NAMES = [
    "KAB.  Tegal",
    "Kab Tegal",
    "Kabupaten Administrasi Kepulauan Seribu",
    "Kota Adm. Jakarta Pusat",
    "Kota Tegal",
    "Kec. Margasari",
    "Kecamatan  Bumijawa",
    "Desa Prupuk Selatan",
    "Ds. Kaligayam",
    "Kel. Kejambon",
    "Dusun Krajan",
    "Distrik Abepura",
    "Prov. Jawa Tengah",
    "Tanjung Karang-Pusat",
    "Pa'o",
    "Sidamulya (Lama)",
    "  Ujung\tRusi ",
    "Bandar Lampung",
    "Kotabaru",
    "Kabupatenan",
    "Desa",
    "",
]


def _expr_names(names: list[str]) -> list[str]:
    return pl.DataFrame({"n": names}, schema={"n": pl.String}).select(region_name_expr(pl.col("n")))["n"].to_list()


def test_region_names_match_the_python_normalisation() -> None:
    assert _expr_names(REGION_NAMES) == [normalize_region_name(n) for n in REGION_NAMES]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from(
                list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,'-/()\téÉ")
            ),
            max_size=30,
        )
        | st.sampled_from(["kab ", "Kota Adm. ", "kec. ", "DESA ", "ds ", "Kabupaten administrasi "]).flatmap(
            lambda prefix: st.text(alphabet=st.sampled_from(list("abcdeKLM .'")), max_size=12).map(
                lambda rest: prefix + rest
            )
        ),
        min_size=1,
        max_size=20,
    )
)
def test_region_name_expression_property(names: list[str]) -> None:
    assert _expr_names(names) == [normalize_region_name(n) for n in names]
