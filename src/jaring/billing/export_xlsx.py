"""One billing table as an .xlsx answer: a heading (what, whose, when), then the table.

Money is a number cell (#,##0), dates date cells (dd/mm/yyyy), everything else text; text a spreadsheet could
run as a formula is written with Excel's quote prefix through the worker export's own test
(registry.export_xlsx.is_risky), so a reference typed as "=HYPERLINK(...)" stays text. Tables here are a
sponsor's bills and payments or one bill's lines: small enough to build in the request.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

import xlsxwriter
from django.http import HttpResponse
from django.utils import timezone

from jaring.registry.export_xlsx import is_risky

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Kind = Literal["text", "money", "date", "number"]
Cell = object  # str, int, Decimal, date or None, by the column's kind


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = "text"
    width: int = 16


def xlsx_bytes(
    title: str, heading: Sequence[tuple[str, str]], columns: Sequence[Column], rows: Iterable[Sequence[Cell]]
) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    bold = book.add_format({"bold": True})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    formats = {
        "text": book.add_format({"num_format": "@"}),
        "guarded": book.add_format({"num_format": "@", "quote_prefix": True}),
        "date": book.add_format({"num_format": "dd/mm/yyyy"}),
        "money": book.add_format({"num_format": "#,##0"}),
        "number": book.add_format({"num_format": "0"}),
        "fraction": book.add_format({"num_format": "#,##0.0###"}),
    }
    sheet = book.add_worksheet(title[:31])

    def text(r: int, c: int, value: str, fmt: object = None) -> None:
        sheet.write_string(r, c, value, formats["guarded"] if is_risky(value) else (fmt or formats["text"]))

    sheet.write_string(0, 0, f"{title} — Jaring", book.add_format({"bold": True, "font_size": 14}))
    made = [*heading, ("Dibuat", timezone.localtime().strftime("%d/%m/%Y %H:%M"))]
    for r, (label, value) in enumerate(made, start=1):
        sheet.write_string(r, 0, label, bold)
        text(r, 1, value)
    top = len(made) + 2
    for c, column in enumerate(columns):
        sheet.set_column(c, c, column.width)
        sheet.write_string(top, c, column.header, head)
    last = top
    for last, values in enumerate(rows, start=top + 1):
        for c, cell in enumerate(values):
            kind = columns[c].kind
            if cell is None or cell == "":
                continue
            if isinstance(cell, date):
                sheet.write_datetime(last, c, cell, formats["date"])
            elif kind == "text" or not isinstance(cell, int | Decimal):
                text(last, c, str(cell))
            elif isinstance(cell, Decimal) and cell != cell.to_integral_value():
                sheet.write_number(last, c, float(cell), formats["fraction"])  # a ratio, never cut to 0
            else:
                sheet.write_number(last, c, int(cell), formats[kind])
    if last > top:
        sheet.autofilter(top, 0, last, len(columns) - 1)
    sheet.freeze_panes(top + 1, 0)
    book.close()
    return out.getvalue()


def xlsx_response(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
