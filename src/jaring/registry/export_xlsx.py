"""The worker list as an .xlsx: a heading that says who exported what and when, then one row per worker.

Polars frames in, xlsxwriter in constant-memory mode out (rows are streamed to disk, not held). Dates are
date cells, money and deciles numbers, the NIK and phone numbers text (Excel would round a 16-digit
number). Text a spreadsheet could run as a formula once edited (leading =, +, -, @, tab or carriage
return; OWASP CSV injection) is written as a string cell with Excel's quote prefix: shown as typed, kept as
text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

import polars as pl
import xlsxwriter

SHEET = "Daftar pekerja"
PROGRESS_ROWS = 10_000
_RISKY_START = ("=", "+", "-", "@", "\t", "\r")

# (frame column, Indonesian header, width, kind)
COLUMNS: tuple[tuple[str, str, int, str], ...] = (
    ("nik", "NIK", 19, "text"),
    ("name", "Nama", 28, "text"),
    ("sex", "L/P", 5, "text"),
    ("birth_place", "Tempat lahir", 16, "text"),
    ("birth_date", "Tanggal lahir", 13, "date"),
    ("address", "Alamat", 30, "text"),
    ("village_code", "Kode desa", 15, "text"),
    ("village", "Desa/Kelurahan", 20, "text"),
    ("district", "Kecamatan", 18, "text"),
    ("occupation", "Pekerjaan", 22, "text"),
    ("income", "Penghasilan per bulan (Rp)", 16, "money"),
    ("phone", "No. HP", 15, "text"),
    ("decile", "Desil", 6, "number"),
    ("source", "Sumber data", 24, "text"),
)


def is_risky(text: str) -> bool:
    return text.startswith(_RISKY_START)


def write_workers_xlsx(
    frame: pl.DataFrame,
    out: IO[bytes],
    *,
    heading: list[tuple[str, str]],
    progress: Callable[[int], None] | None = None,
) -> None:
    """``frame`` holds COLUMNS' columns (birth_date a Date, income and decile integers); ``heading`` is
    (label, value) lines written above the table; ``progress(rows_written)`` is called every PROGRESS_ROWS."""
    book = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False})
    bold = book.add_format({"bold": True})
    title = book.add_format({"bold": True, "font_size": 14})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    formats = {
        "text": book.add_format({"num_format": "@"}),
        "guarded": book.add_format({"num_format": "@", "quote_prefix": True}),
        "date": book.add_format({"num_format": "dd/mm/yyyy"}),
        "money": book.add_format({"num_format": "#,##0"}),
        "number": book.add_format({"num_format": "0"}),
    }
    sheet = book.add_worksheet(SHEET)
    for col, (_, _, width, kind) in enumerate(COLUMNS):
        sheet.set_column(col, col, width, formats[kind] if kind == "text" else None)
    # constant_memory writes rows in order: the heading first, then the header row, then the data.
    sheet.write_string(0, 0, "Daftar pekerja — Jaring", title)
    for r, (label, value) in enumerate(heading, start=1):
        sheet.write_string(r, 0, label, bold)
        sheet.write_string(r, 1, value, formats["guarded"] if is_risky(value) else formats["text"])
    top = len(heading) + 2
    sheet.freeze_panes(top + 1, 0)
    for col, (_, header, _, _) in enumerate(COLUMNS):
        sheet.write_string(top, col, header, head)
    kinds = [kind for _, _, _, kind in COLUMNS]
    text, guarded = formats["text"], formats["guarded"]
    ordered = frame.select([name for name, _, _, _ in COLUMNS])
    for r, values in enumerate(ordered.iter_rows(), start=top + 1):
        if progress is not None and (r - top) % PROGRESS_ROWS == 0:
            progress(r - top)
        for c, value in enumerate(values):
            if value is None or value == "":
                continue
            kind = kinds[c]
            if kind == "text":
                sheet.write_string(r, c, value, guarded if value.startswith(_RISKY_START) else text)
            elif kind == "date":
                sheet.write_datetime(r, c, value, formats["date"])
            else:
                sheet.write_number(r, c, value, formats[kind])
    if frame.height:
        sheet.autofilter(top, 0, top + frame.height, len(COLUMNS) - 1)
    book.close()
