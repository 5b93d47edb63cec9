"""Files as people make them: title rows, blank rows, numeric NIK and date cells, CSV dialects, aliases."""

from __future__ import annotations

import codecs
from datetime import date, datetime
from pathlib import Path

import pytest
import xlsxwriter

from jaring.imports.headers import FileRejected, header_key, match_header
from jaring.imports.reader import NIK_NUMBER, read_table
from jaring.imports.tests.test_rules_table import BASE, run, write_csv

HEADERS = ["No.", "NIK", "Nama Lengkap", "JK", "Tgl. Lahir", "Desa/Kelurahan", "Kecamatan", "Penghasilan (Rp)"]


def _workbook(path: Path) -> tuple[xlsxwriter.Workbook, xlsxwriter.worksheet.Worksheet]:
    workbook = xlsxwriter.Workbook(str(path))
    return workbook, workbook.add_worksheet("Data")


def test_xlsx_title_rows_blank_rows_numeric_nik_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "desa.xlsx"
    workbook, sheet = _workbook(path)
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    # Row 1 left empty on purpose: row numbers must still be the sheet's.
    sheet.write_string(1, 0, "DAFTAR PEKERJA RENTAN DESA PRUPUK SELATAN TAHUN 2026")
    sheet.write_row(3, 0, HEADERS)
    row = 4  # sheet row 5
    sheet.write_number(row, 0, 1)
    sheet.write_number(row, 1, 3328015708900001)  # a NIK stored as a number, exact
    sheet.write_string(row, 2, "Siti Aminah")
    sheet.write_number(row, 4, 33102)  # a serial date without date format: 17/08/1990
    sheet.write_string(row, 5, "Prupuk Selatan")
    sheet.write_number(row, 7, 1500000)
    sheet.write_number(row + 1, 0, 2)  # a prefilled row number only: a blank row
    row += 2  # sheet row 7
    sheet.write_number(row, 0, 3)
    sheet.write_string(row, 1, "'3328011708900002")  # the apostrophe typed into a text cell
    sheet.write_string(row, 2, "Budi")
    sheet.write_datetime(row, 4, datetime(1990, 8, 17), date_format)
    sheet.write_string(row, 5, "Kaligayam")
    sheet.write_string(row, 6, "Bumijawa")
    sheet.write_string(row, 7, "Rp 2.000.000")
    row += 1  # sheet row 8
    sheet.write_number(row, 1, 3328011708900010)  # a number ending in 0: maybe Excel's 15-digit rounding
    sheet.write_string(row, 2, "Ani")
    sheet.write_string(row, 5, "Sokasari")
    row += 1  # sheet row 9
    sheet.write_string(row, 1, "3328011708900020")  # the same digits as text are trusted
    sheet.write_string(row, 2, "Tuti")
    sheet.write_string(row, 5, "Sokasari")
    row += 1  # sheet row 10
    sheet.write_number(row, 1, 9101015708900001)  # past 2**53: the float no longer holds the digits
    sheet.write_string(row, 2, "Yohana")
    sheet.write_string(row, 5, "Sokasari")
    row += 1  # sheet row 11
    sheet.write_number(row, 1, 3328011708.5)
    sheet.write_string(row, 2, "Wati")
    sheet.write_string(row, 5, "Sokasari")
    workbook.close()

    table = read_table(path)
    assert table.header_row == 4
    assert table.blank_rows == 1
    assert table.frame["__row"].to_list() == [5, 7, 8, 9, 10, 11]
    assert table.frame[NIK_NUMBER].is_null().to_list() == [False, True, False, True, False, False]

    prepared = run(path)
    assert (prepared.rows, prepared.blank_rows, prepared.header_row, prepared.sheet) == (6, 1, 4, "Data")
    valid = prepared.valid.select("__row", "nik", "birth_date", "village_code", "income").to_dicts()
    assert valid == [
        {"__row": 5, "nik": "3328015708900001", "birth_date": date(1990, 8, 17), "village_code": "33.28.01.2001"}
        | {"income": 1_500_000},
        {"__row": 7, "nik": "3328011708900002", "birth_date": date(1990, 8, 17), "village_code": "33.28.02.2003"}
        | {"income": 2_000_000},
        {"__row": 9, "nik": "3328011708900020", "birth_date": date(1990, 8, 17), "village_code": "33.28.02.2001"}
        | {"income": None},
    ]
    rejected = prepared.rejected.select("__row", "NIK", "__rule").rows()
    assert rejected == [
        (8, "3328011708900010", "NIK.PRECISION"),
        (10, "9101015708900000", "NIK.PRECISION"),
        (11, "3328011708.5", "NIK.CHARS"),
    ]


def test_xlsx_header_on_a_later_sheet(tmp_path: Path) -> None:
    path = tmp_path / "dua-lembar.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet("Sampul").write_string(0, 0, "Daftar pekerja, lihat lembar berikut")
    sheet = workbook.add_worksheet("Pekerja")
    sheet.write_row(0, 0, list(BASE))
    sheet.write_row(1, 0, list(BASE.values()))
    workbook.close()
    prepared = run(path)
    assert prepared.sheet == "Pekerja"
    assert prepared.valid.height == 1


def test_csv_semicolon_bom_title_rows_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "desa.csv"
    lines = [
        "DAFTAR PEKERJA RENTAN DESA X TAHUN 2026;;",
        "",
        ";".join(BASE),
        ";".join(BASE.values()),
        ";" * (len(BASE) - 1),
        "",
        ";".join({**BASE, "NIK": "3328 0117 0890 0002", "Nama": "Budi", "JK": "L"}.values()),
    ]
    path.write_bytes(codecs.BOM_UTF8 + "\r\n".join(lines).encode())
    table = read_table(path)
    assert table.header_row == 3
    assert table.frame["__row"].to_list() == [4, 7]
    prepared = run(path)
    assert prepared.rows == 2
    assert prepared.valid["nik"].to_list() == ["3328015708900001", "3328011708900002"]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ";"), ("cp1252", ";"), ("utf-16", "\t"), ("utf-8", "|")],
)
def test_csv_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    rows = [{**BASE, "Nama": "André Façade", "Alamat": "Jl. Mawar, RT 01"}]
    prepared = run(write_csv(tmp_path / "pekerja.csv", rows, delimiter=delimiter, encoding=encoding))
    assert prepared.valid["name"].to_list() == ["André Façade"]
    assert prepared.valid["address"].to_list() == ["Jl. Mawar, RT 01"]


def test_csv_in_windows_1252_after_a_long_ascii_start(tmp_path: Path) -> None:
    rows = [{**BASE, "Alamat": "x" * 100}] * 3000 + [{**BASE, "Nama": "Andre Fa\u00e7ade"}]
    path = write_csv(tmp_path / "pekerja.csv", rows, encoding="cp1252")
    assert path.stat().st_size > 256 * 1024
    prepared = run(path)
    assert prepared.rejected.height == 0
    assert prepared.duplicates.height == 3000


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("NIK", "nik"),
        (" nik ", "nik"),
        ("NIK KTP", "nik"),
        ("Nama", "name"),
        ("NAMA LENGKAP", "name"),
        ("Jenis Kelamin", "sex"),
        ("JK", "sex"),
        ("L/P", "sex"),
        ("Tempat Lahir", "birth_place"),
        ("Tanggal Lahir", "birth_date"),
        ("Tgl Lahir", "birth_date"),
        ("Tgl. Lahir", "birth_date"),
        ("Tanggal Lahir (dd/mm/yyyy)", "birth_date"),
        ("Alamat", "address"),
        ("Desa", "village_name"),
        ("Kelurahan", "village_name"),
        ("Desa/Kelurahan", "village_name"),
        ("Desa / Kelurahan", "village_name"),
        ("Kecamatan", "district_name"),
        ("Kode Desa", "village_code"),
        ("Kode Wilayah", "village_code"),
        ("Pekerjaan", "occupation"),
        ("Penghasilan", "income"),
        ("Penghasilan per Bulan", "income"),
        ("Penghasilan (Rp)", "income"),
        ("No HP", "phone"),
        ("No. HP", "phone"),
        ("no_hp", "phone"),
        ("Telepon", "phone"),
        ("Desil", "decile"),
        ("Sumber Data", "source"),
        ("No", "__ignore__"),
        ("No.", "__ignore__"),
        ("Kode aturan", "__ignore__"),
        ("Alasan", "__ignore__"),
        ("Baris", "__ignore__"),
        ("Agama", None),
    ],
)
def test_header_aliases(header: str, field: str | None) -> None:
    assert match_header(header) == field


def test_header_key() -> None:
    assert header_key("No. HP") == header_key("No HP") == "nohp"
    assert header_key("Desa/Kelurahan") == "desakelurahan"


def test_unknown_columns_are_kept_aside(tmp_path: Path) -> None:
    prepared = run(write_csv(tmp_path / "pekerja.csv", [{**BASE, "Agama": "Islam"}]))
    assert prepared.unknown_columns == ("Agama",)
    assert prepared.valid.height == 1


@pytest.mark.parametrize(
    ("header", "code", "text"),
    [
        (["Nama", "Desa"], "FILE.NO_HEADER", "NIK dan Nama"),
        (["NIK", "Nama", "Alamat"], "FILE.MISSING_COLUMNS", "Kode Desa atau Desa/Kelurahan"),
    ],
)
def test_file_rejected(tmp_path: Path, header: list[str], code: str, text: str) -> None:
    path = write_csv(tmp_path / "pekerja.csv", [dict.fromkeys(header, "x")])
    with pytest.raises(FileRejected) as caught:
        run(path)
    assert caught.value.code == code
    assert text in caught.value.message


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("pekerja.pdf", b"%PDF", "FILE.FORMAT"),
        ("pekerja.xlsx", b"PK\x03\x04 rusak", "FILE.UNREADABLE"),
        ("pekerja.csv", b"", "FILE.EMPTY"),
        ("pekerja.csv", b"\n;;\n\n", "FILE.EMPTY"),
    ],
)
def test_file_rejected_whole(tmp_path: Path, name: str, content: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(FileRejected) as caught:
        run(path)
    assert caught.value.code == code


def test_empty_first_sheet_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "lembar-kosong.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet("Sheet1")
    sheet = workbook.add_worksheet("Data")
    sheet.write_row(0, 0, list(BASE))
    sheet.write_row(1, 0, list(BASE.values()))
    workbook.close()
    assert run(path).valid.height == 1


def test_header_only_file_has_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "kosong.xlsx"
    workbook, sheet = _workbook(path)
    sheet.write_row(0, 0, list(BASE))
    workbook.close()
    prepared = run(path)
    assert (prepared.rows, prepared.valid.height, prepared.rejected.height) == (0, 0, 0)
