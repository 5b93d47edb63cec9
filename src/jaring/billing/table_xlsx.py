"""Any billing table as an .xlsx for the budget hearing or a referral: a title, who exported what and when,
a header row, the rows. Text a spreadsheet could run as a formula is written as quoted text."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

import xlsxwriter

from jaring.registry.export_xlsx import is_risky

Cell = str | int | Decimal | date | None


def table_xlsx(
    title: str, heading: Sequence[tuple[str, str]], header: Sequence[str], rows: Iterable[Sequence[Cell]]
) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    bold = book.add_format({"bold": True})
    big = book.add_format({"bold": True, "font_size": 14})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    text = book.add_format({"num_format": "@"})
    guarded = book.add_format({"num_format": "@", "quote_prefix": True})
    money = book.add_format({"num_format": "#,##0"})
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet = book.add_worksheet(title[:31])
    sheet.write_string(0, 0, title, big)
    for r, (label, value) in enumerate(heading, start=1):
        sheet.write_string(r, 0, label, bold)
        sheet.write_string(r, 1, value, guarded if is_risky(value) else text)
    top = len(heading) + 2
    for c, name in enumerate(header):
        sheet.write_string(top, c, name, head)
        sheet.set_column(c, c, max(12, min(40, len(name) + 4)))
    for r, values in enumerate(rows, start=top + 1):
        for c, cell in enumerate(values):
            if cell is None:
                continue
            if isinstance(cell, date):
                sheet.write_datetime(r, c, cell, day)
            elif isinstance(cell, (int, Decimal)):
                sheet.write_number(r, c, float(cell), money)
            else:
                sheet.write_string(r, c, cell, guarded if is_risky(cell) else text)
    sheet.freeze_panes(top + 1, 0)
    book.close()
    return out.getvalue()
