"""The failure report (formula neutralisation, re-upload) and the import template (round trip, docs)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import fastexcel
import polars as pl
import pytest
import xlsxwriter

from jaring.imports.headers import FIELDS, IGNORED, match_header, write_template
from jaring.imports.report import SHEET, SUMMARY, is_risky, write_report
from jaring.imports.tests.test_rules_table import BASE, run, write_csv

MESSY = [
    {**BASE, "Nama": '=HYPERLINK("http://x","klik")'},
    {**BASE, "NIK": "3328011708900002", "JK": "L", "Nama": "+cmd|' /C calc'!A0"},
    {**BASE, "NIK": "3328011708900003", "JK": "L", "Nama": "@SUM(A1)"},
    {**BASE, "NIK": "3328011708900004", "JK": "L", "Penghasilan": "-500.000"},
    {**BASE, "NIK": "3328011708900005", "JK": "L", "Nama": "-2+3"},
    {**BASE, "NIK": "33280117089", "JK": "L"},
    {**BASE, "NIK": "3328011708900006", "JK": "L"},  # valid
    {**BASE, "NIK": "3328011708900007", "JK": "L", "Desa": "Kaligayam", "Kecamatan": ""},
]


@pytest.mark.parametrize(
    ("text", "risky"),
    [
        ("=1+1", True),
        ("+cmd", True),
        ("-2+3", True),
        ("@SUM(A1)", True),
        ("\t=1", True),
        ("\r=1", True),
        ("-500.000", False),
        ("+62 812 3456 7890", False),
        ("Siti", False),
        ("3328015708900001", False),
    ],
)
def test_is_risky(text: str, risky: bool) -> None:
    assert is_risky(text) is risky


def _cells(path: Path) -> tuple[dict[str, tuple[str, str]], set[str]]:
    """Cell reference -> (style index, raw XML) in the first sheet, and the style indexes with a quote prefix."""
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        styles = archive.read("xl/styles.xml").decode()
    cell_xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S)
    assert cell_xfs is not None
    xfs = re.findall(r"<xf [^>]*?(?:/>|>.*?</xf>)", cell_xfs.group(1), re.S)
    quoted = {str(i) for i, xf in enumerate(xfs) if 'quotePrefix="1"' in xf}
    cells = {
        m.group(1): (m.group(2) or "0", m.group(0))
        for m in re.finditer(r'<c r="([A-Z]+\d+)"(?: s="(\d+)")?[^>]*>.*?</c>', sheet)
    }
    return cells, quoted


def test_report_neutralises_formulas_and_keeps_values(tmp_path: Path) -> None:
    prepared = run(write_csv(tmp_path / "pekerja.csv", MESSY))
    report = tmp_path / "laporan.xlsx"
    write_report(prepared.rejected, report)

    cells, quoted = _cells(report)
    assert all("<f>" not in xml for _, xml in cells.values())  # nothing is a formula
    name_col = "B"  # columns as uploaded: NIK, Nama, ...
    by_row = {int(ref[len(name_col) :]): cells[ref] for ref in cells if ref.startswith(name_col) and ref[1:].isdigit()}
    assert by_row[2][0] in quoted  # =HYPERLINK
    assert by_row[3][0] in quoted  # +cmd
    assert by_row[4][0] in quoted  # @SUM
    assert by_row[6][0] in quoted  # -2+3
    assert by_row[5][0] not in quoted  # a plain name

    sheet = fastexcel.read_excel(str(report)).load_sheet(SHEET, dtypes="string").to_polars()
    assert sheet.columns == [*BASE, "Baris", "Kode aturan", "Alasan"]
    assert sheet["Nama"][0] == '=HYPERLINK("http://x","klik")'  # the value itself is untouched
    assert sheet["Baris"].to_list() == [str(r) for r in prepared.rejected["__row"].to_list()]


def test_report_summary_sheet(tmp_path: Path) -> None:
    prepared = run(write_csv(tmp_path / "pekerja.csv", MESSY))
    report = tmp_path / "laporan.xlsx"
    write_report(prepared.rejected, report, errors_by_rule=prepared.errors_by_rule)
    summary = fastexcel.read_excel(str(report)).load_sheet(SUMMARY, dtypes="string").to_polars()
    counts = dict(zip(summary["Kode aturan"].to_list(), summary["Jumlah baris"].to_list(), strict=True))
    assert counts == {
        "INCOME.NEGATIVE": "1",
        "NAME.CHARS": "4",
        "NIK.LENGTH": "1",
        "VILLAGE.AMBIGUOUS": "1",
        "Jumlah": "7",
    }
    assert all(summary["Keterangan"][:-1].str.len_chars() > 10)


def test_report_reuploads_with_the_same_rejections(tmp_path: Path) -> None:
    first = run(write_csv(tmp_path / "pekerja.csv", MESSY))
    report = tmp_path / "laporan.xlsx"
    write_report(first.rejected, report)
    again = run(report)
    assert again.rows == first.rejected.height
    assert again.rejected["__rule"].to_list() == first.rejected["__rule"].to_list()
    assert again.rejected["__reason"].to_list() == first.rejected["__reason"].to_list()
    assert again.rejected.select(list(BASE)).equals(first.rejected.select(list(BASE)))
    assert not {"Baris", "Kode aturan", "Alasan"} & set(again.unknown_columns)


def test_report_fixed_and_reuploaded_is_accepted(tmp_path: Path) -> None:
    first = run(write_csv(tmp_path / "pekerja.csv", [{**BASE, "Nama": "Siti 2"}]))
    report = tmp_path / "laporan.xlsx"
    write_report(first.rejected, report)
    # The user fixes the cell in place, as in Excel, and uploads the same file.
    sheet = fastexcel.read_excel(str(report)).load_sheet(SHEET, dtypes="string").to_polars()
    fixed = tmp_path / "laporan-diperbaiki.xlsx"
    workbook = xlsxwriter.Workbook(str(fixed))
    out = workbook.add_worksheet(SHEET)
    out.write_row(0, 0, sheet.columns)
    for r, values in enumerate(sheet.with_columns(pl.lit("Siti Aminah").alias("Nama")).iter_rows(), start=1):
        for c, value in enumerate(values):
            if value is not None:
                out.write_string(r, c, value)
    workbook.close()
    again = run(fixed)
    assert again.rejected.height == 0
    assert again.valid["nik"].to_list() == ["3328015708900001"]


def test_report_keeps_a_numeric_nik_numeric(tmp_path: Path) -> None:
    path = tmp_path / "angka.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, ["NIK", "Nama", "Desa", "Kecamatan"])
    sheet.write_number(1, 0, 3328015708900010)
    sheet.write_row(1, 1, ["Siti", "Prupuk Selatan", "Margasari"])
    workbook.close()
    first = run(path)
    assert first.rejected["__rule"].to_list() == ["NIK.PRECISION"]
    report = tmp_path / "laporan.xlsx"
    write_report(first.rejected, report)
    # Written back as text it would pass unchecked; as the number it was, it is still held back.
    assert run(report).rejected["__rule"].to_list() == ["NIK.PRECISION"]


def test_template_example_row_imports_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "templat.xlsx"
    write_template(path)
    prepared = run(path)
    assert prepared.rows == 1
    assert prepared.rejected.height == 0
    assert prepared.unknown_columns == ()
    row = prepared.valid.to_dicts()[0]
    assert row["warnings"] == []
    assert row["village_code"] == "33.28.01.2001"
    assert all(row[f.name] is not None for f in FIELDS)


def test_template_headers_are_text_cells_in_text_columns(tmp_path: Path) -> None:
    path = tmp_path / "templat.xlsx"
    write_template(path)
    cells, _ = _cells(path)
    assert 't="s"' in cells["A2"][1] or 't="inlineStr"' in cells["A2"][1]  # the example NIK is text


def test_template_instructions_document_every_alias(tmp_path: Path) -> None:
    path = tmp_path / "templat.xlsx"
    write_template(path)
    notes = fastexcel.read_excel(str(path)).load_sheet("Petunjuk", dtypes="string").to_polars()
    documented = dict(zip(notes["Kolom"].to_list(), notes["Nama judul lain yang diterima"].to_list(), strict=True))
    for f in FIELDS:
        names = [n.strip() for n in documented[f.label].split(", ")]
        assert set(names) == {f.label, *f.aliases, *f.extra}
        assert all(match_header(n) == f.name for n in names)  # every documented name really maps
    assert documented["Diabaikan"] == ", ".join(IGNORED)
    assert all(match_header(n) == "__ignore__" for n in IGNORED)
