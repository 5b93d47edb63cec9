"""One row per rule code: a valid base row with a few cells changed, and what prepare must make of it.

Add a row, not a test. ``test_every_rule_code_has_a_row`` fails when a rule is added without one.
The helpers here (``REGIONS``, ``write_csv``, ``run``) are shared by the other test modules of this package.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from jaring.imports.pipeline import VALID_SCHEMA, Prepared, prepare
from jaring.imports.schema import NIK_OUT_OF_SCOPE, resolve_villages, rule_table

REFERENCE = date(2026, 1, 1)
SCOPE = "33.28"

# Kabupaten Tegal, by hand: Kaligayam exists in two districts; 33.27 (Pemalang) lies outside the scope.
REGIONS = pl.DataFrame(
    [
        ("33.28.01", 3, "33.28", "margasari"),
        ("33.28.02", 3, "33.28", "bumijawa"),
        ("33.28.01.2001", 4, "33.28.01", "prupuk selatan"),
        ("33.28.01.2002", 4, "33.28.01", "kaligayam"),
        ("33.28.02.2003", 4, "33.28.02", "kaligayam"),
        ("33.28.02.2001", 4, "33.28.02", "sokasari"),
        ("33.27.01", 3, "33.27", "moga"),
        ("33.27.01.2001", 4, "33.27.01", "randudongkal"),
    ],
    schema={"code": pl.String, "level": pl.Int64, "parent_code": pl.String, "match_name": pl.String},
    orient="row",
)

BASE = {
    "NIK": "3328015708900001",
    "Nama": "Siti Aminah",
    "JK": "P",
    "Tempat Lahir": "Tegal",
    "Tanggal Lahir": "17/08/1990",
    "Alamat": "RT 01 RW 02",
    "Desa": "Prupuk Selatan",
    "Kecamatan": "Margasari",
    "Kode Desa": "",
    "Pekerjaan": "Petani",
    "Penghasilan": "Rp 1.500.000",
    "No HP": "081234567890",
    "Desil": "1",
}


def write_csv(path: Path, rows: list[dict[str, str]], *, delimiter: str = ";", encoding: str = "utf-8-sig") -> Path:
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


def run(path: Path, *, scope: str = SCOPE, regions: pl.DataFrame = REGIONS) -> Prepared:
    return prepare(path, reference_date=REFERENCE, regions=regions, scope_code=scope)


# (id, changed cells, expected rule code or None when accepted, expected warnings, text the reason must contain)
CASES: list[tuple[str, dict[str, str], str | None, list[str], str]] = [
    ("valid", {}, None, [], ""),
    ("NIK.EMPTY", {"NIK": ""}, "NIK.EMPTY", [], "NIK kosong"),
    ("NIK.EMPTY placeholder", {"NIK": "   "}, "NIK.EMPTY", [], "NIK kosong"),
    ("NIK.CHARS", {"NIK": "33280157O8900001"}, "NIK.CHARS", [], "33280157O8900001"),
    ("NIK.PRECISION scientific", {"NIK": "3,32802E+15"}, "NIK.PRECISION", [], "Teks"),
    ("NIK.LENGTH", {"NIK": "332801570890001"}, "NIK.LENGTH", [], "bukan 15 digit"),
    ("NIK.LENGTH placeholder 0", {"NIK": "0"}, "NIK.LENGTH", [], "bukan 1 digit"),
    ("NIK.PROVINCE", {"NIK": "9928015708900001"}, "NIK.PROVINCE", [], '"99"'),
    ("NIK.REGENCY_ZERO", {"NIK": "3300015708900001"}, "NIK.REGENCY_ZERO", [], "00"),
    ("NIK.DISTRICT_ZERO", {"NIK": "3328005708900001"}, "NIK.DISTRICT_ZERO", [], "00"),
    ("NIK.BIRTH_DATE", {"NIK": "3328017513900001"}, "NIK.BIRTH_DATE", [], "751390"),
    ("NIK.SERIAL", {"NIK": "3328015708900000"}, "NIK.SERIAL", [], "0000"),
    ("NIK with spaces, dots, apostrophe", {"NIK": "'3328.0157 0890 0001"}, None, [], ""),
    ("NAME.EMPTY", {"Nama": "  "}, "NAME.EMPTY", [], "Nama kosong"),
    ("NAME.CHARS", {"Nama": "Siti 2"}, "NAME.CHARS", [], '"Siti 2"'),
    ("name with accents and particles", {"Nama": "  andré  o'neil-NUR, s.pd "}, None, [], ""),
    ("SEX.UNKNOWN", {"JK": "X"}, "SEX.UNKNOWN", [], '"X"'),
    ("sex blank, taken from NIK", {"JK": ""}, None, [], ""),
    ("BIRTH_DATE.INVALID", {"Tanggal Lahir": "31/02/1990"}, "BIRTH_DATE.INVALID", [], '"31/02/1990"'),
    ("BIRTH_DATE.INVALID month first", {"Tanggal Lahir": "08/17/1990"}, "BIRTH_DATE.INVALID", [], "08/17/1990"),
    ("BIRTH_DATE.FUTURE", {"Tanggal Lahir": "17/08/2030"}, "BIRTH_DATE.FUTURE", [], "17/08/2030"),
    ("birth date blank, taken from NIK", {"Tanggal Lahir": ""}, None, [], ""),
    ("INCOME.INVALID", {"Penghasilan": "sejuta lebih"}, "INCOME.INVALID", [], '"sejuta lebih"'),
    ("INCOME.NEGATIVE", {"Penghasilan": "-500.000"}, "INCOME.NEGATIVE", [], '"-500.000"'),
    ("TEXT.TOO_LONG", {"Alamat": "Dusun " + "x" * 250}, "TEXT.TOO_LONG", [], "alamat 255"),
    ("TEXT.TOO_LONG source", {"Sumber Data": "s" * 121}, "TEXT.TOO_LONG", [], "sumber data 120"),
    ("VILLAGE.MISSING", {"Desa": "", "Kecamatan": ""}, "VILLAGE.MISSING", [], "Desa/kelurahan kosong"),
    ("VILLAGE.UNKNOWN", {"Desa": "Atlantis"}, "VILLAGE.UNKNOWN", [], '"Atlantis, Kec. Margasari"'),
    ("VILLAGE.UNKNOWN code", {"Desa": "", "Kode Desa": "33.28.01.2999"}, "VILLAGE.UNKNOWN", [], "33.28.01.2999"),
    ("VILLAGE.UNKNOWN other district", {"Desa": "Sokasari"}, "VILLAGE.UNKNOWN", [], "Sokasari"),
    ("VILLAGE.UNKNOWN outside by name", {"Desa": "Randudongkal", "Kecamatan": ""}, "VILLAGE.UNKNOWN", [], ""),
    (
        "VILLAGE.OUT_OF_SCOPE",
        {"Desa": "", "Kode Desa": "3327012001"},
        "VILLAGE.OUT_OF_SCOPE",
        [],
        '"33.27.01.2001" berada di luar wilayah Anda (33.28)',
    ),
    ("VILLAGE.AMBIGUOUS", {"Desa": "Kaligayam", "Kecamatan": ""}, "VILLAGE.AMBIGUOUS", [], '"Kaligayam"'),
    ("village name with its district", {"Desa": "Desa Kaligayam", "Kecamatan": "Kec. Bumijawa"}, None, [], ""),
    ("village by undotted code", {"Desa": "", "Kecamatan": "", "Kode Desa": "3328012002"}, None, [], ""),
    ("BIRTH_DATE.NIK_MISMATCH", {"Tanggal Lahir": "18/08/1990"}, None, ["BIRTH_DATE.NIK_MISMATCH"], ""),
    ("SEX.NIK_MISMATCH", {"JK": "L"}, None, ["SEX.NIK_MISMATCH"], ""),
    ("NIK.REGENCY_UNKNOWN", {"NIK": "3399015708900001"}, None, ["NIK.REGENCY_UNKNOWN"], ""),
    ("NIK.DISTRICT_UNKNOWN", {"NIK": "3328995708900001"}, None, ["NIK.DISTRICT_UNKNOWN"], ""),
    ("PHONE.INVALID", {"No HP": "12345"}, None, ["PHONE.INVALID"], ""),
    ("DECILE.INVALID", {"Desil": "15"}, None, ["DECILE.INVALID"], ""),
    (
        "VILLAGE.NAME_MISMATCH",
        {"Desa": "Kaligayam", "Kode Desa": "33.28.01.2001"},
        None,
        ["VILLAGE.NAME_MISMATCH"],
        "",
    ),
]


@pytest.mark.parametrize(("changes", "rule", "warnings", "reason"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule(tmp_path: Path, changes: dict[str, str], rule: str | None, warnings: list[str], reason: str) -> None:
    prepared = run(write_csv(tmp_path / "pekerja.csv", [{**BASE, **changes}]))
    assert prepared.rows == 1
    if rule is None:
        assert prepared.rejected.height == 0, prepared.rejected.to_dicts()
        assert prepared.valid["warnings"].to_list() == [warnings]
        assert prepared.warnings == (1 if warnings else 0)
    else:
        assert prepared.valid.height == 0
        assert prepared.rejected["__rule"].to_list() == [rule]
        assert reason in prepared.rejected["__reason"][0]
        assert prepared.errors_by_rule == {rule: 1}
        assert prepared.rejected["__row"].to_list() == [2]


def test_every_rule_code_has_a_row() -> None:
    covered = {c[2] for c in CASES} | {w for c in CASES for w in c[3]}
    # Decided against the registry by the import service, not by prepare: see test_import_scope.
    covered.add(NIK_OUT_OF_SCOPE)
    assert {r["code"] for r in rule_table(REFERENCE)} <= covered


def test_every_rule_has_an_indonesian_message() -> None:
    for rule in rule_table(REFERENCE):
        assert rule["message"].strip(), rule["code"]
        assert rule["severity"] in ("error", "warning")


def test_valid_row_is_normalised_into_the_bulk_schema(tmp_path: Path) -> None:
    changes = {"Nama": "  siti   AMINAH ", "JK": "", "Tanggal Lahir": "", "No HP": "+62 812-3456-7890"}
    prepared = run(write_csv(tmp_path / "pekerja.csv", [{**BASE, **changes, "Penghasilan": "Rp1.500.000,00"}]))
    assert dict(prepared.valid.schema) == VALID_SCHEMA
    row = prepared.valid.to_dicts()[0]
    assert row == {
        "__row": 2,
        "nik": "3328015708900001",
        "name": "Siti Aminah",
        "sex": "F",
        "birth_place": "Tegal",
        "birth_date": date(1990, 8, 17),
        "address": "RT 01 RW 02",
        "village_code": "33.28.01.2001",
        "village_name": "Prupuk Selatan",
        "district_name": "Margasari",
        "occupation": "Petani",
        "income": 1_500_000,
        "phone": "6281234567890",
        "decile": 1,
        "source": None,
        "warnings": [],
    }


def test_every_row_is_counted_once(tmp_path: Path) -> None:
    rows = [
        BASE,
        {**BASE, "Nama": "Siti Aminah (ulang)"},  # same NIK again, rejected on its own merits
        {**BASE, "JK": "perempuan"},  # same NIK, valid: a duplicate in the file
        {**BASE, "NIK": "0"},
        {**BASE, "NIK": "0"},  # placeholders are rejected, never duplicates of each other
        {**BASE, "NIK": "3328011708900002", "Nama": "Budi", "JK": "L"},
    ]
    prepared = run(write_csv(tmp_path / "pekerja.csv", rows))
    assert prepared.rows == 6
    assert prepared.valid["__row"].to_list() == [2, 7]
    assert prepared.duplicates.select("__row", "NIK", "kept_row").to_dicts() == [
        {"__row": 4, "NIK": "3328015708900001", "kept_row": 2}
    ]
    assert prepared.duplicates_in_file == 1
    assert prepared.rejected["__row"].to_list() == [3, 5, 6]
    assert prepared.errors_by_rule == {"NAME.CHARS": 1, "NIK.LENGTH": 2}
    assert prepared.valid.height + prepared.rejected.height + prepared.duplicates_in_file == prepared.rows


def test_rejected_rows_keep_the_original_cells(tmp_path: Path) -> None:
    bad = {**BASE, "Nama": " siti 2 ", "Penghasilan": "Rp 1.500.000"}
    prepared = run(write_csv(tmp_path / "pekerja.csv", [bad]))
    assert prepared.rejected.columns == ["__row", *BASE, "__rule", "__reason"]
    assert prepared.rejected.select(list(BASE)).to_dicts() == [{k: (v or None) for k, v in bad.items()}]


def test_progress_reports_each_stage(tmp_path: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    path = write_csv(tmp_path / "pekerja.csv", [BASE, BASE])
    prepare(path, reference_date=REFERENCE, regions=REGIONS, scope_code=SCOPE, progress=lambda *a: seen.append(a))
    stages = [s for s, _, _ in seen]
    assert stages == ["read", "read", "normalise", "normalise", "validate", "validate", "dedupe", "dedupe"]
    assert seen[-1] == ("dedupe", 2, 2)


def test_national_scope_resolves_any_village(tmp_path: Path) -> None:
    prepared = run(write_csv(tmp_path / "pekerja.csv", [{**BASE, "Desa": "", "Kode Desa": "33.27.01.2001"}]), scope="")
    assert prepared.valid["village_code"].to_list() == ["33.27.01.2001"]


def test_village_operator_scope(tmp_path: Path) -> None:
    rows = [BASE, {**BASE, "NIK": "3328011708900002", "JK": "L", "Desa": "Kaligayam"}]
    prepared = run(write_csv(tmp_path / "pekerja.csv", rows), scope="33.28.01.2001")
    assert prepared.valid["village_code"].to_list() == ["33.28.01.2001"]
    assert prepared.rejected["__rule"].to_list() == ["VILLAGE.UNKNOWN"]


def test_resolve_villages_on_its_own() -> None:
    df = pl.DataFrame(
        {
            "village_code": [None, "33.28.02.2001", None, None],
            "village_name": ["Kaligayam", None, "Kaligayam", None],
            "district_name": ["Bumijawa", None, None, None],
        },
        schema={"village_code": pl.String, "village_name": pl.String, "district_name": pl.String},
    )
    out = resolve_villages(df, REGIONS, SCOPE)
    assert out["village_resolved"].to_list() == ["33.28.02.2003", "33.28.02.2001", None, None]
    assert out["__rule"].to_list() == [None, None, "VILLAGE.AMBIGUOUS", "VILLAGE.MISSING"]
    assert out["__reason"][3] == "Desa/kelurahan kosong: isi Kode Desa atau nama Desa/Kelurahan."
