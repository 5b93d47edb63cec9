"""The failure report: every rejected row as it came, with its row number, rule code and reason; then the
accepted rows with a warning ("Peringatan") and the repeats of a NIK that were dropped ("Duplikat dalam berkas").

The original headers come first, so the user fixes cells in place and uploads the same file again; the
appended columns ("Baris", "Kode aturan", "Alasan") are on the headers' ignore list. Every cell is written
as a text cell (never ``write()``, which turns "=..." into a formula), and text that a spreadsheet would
run as a formula once edited (leading =, +, -, @, tab or carriage return) also gets Excel's quote prefix:
the value stays exactly as uploaded, so a re-upload gives the same result, yet Excel keeps it as text.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import polars as pl
import xlsxwriter

from .headers import REPORT_CODE, REPORT_REASON, REPORT_ROW, match_header
from .normalise import NIK_PRECISION
from .reader import ROW
from .reasons import DUPLICATE_IN_FILE, DUPLICATE_TEMPLATE, reasons
from .schema import REASON, RULE, WARNINGS, count_by_rule, rule_table

_RISKY = re.compile(r"^[=+\-@\t\r]")
# A signed plain number ("-500000", "+62 812 3456") is a value, not a formula, in every spreadsheet.
_SIGNED_NUMBER = re.compile(r"^[+-][0-9][0-9 .,]*$")
SHEET, SUMMARY = "Baris ditolak", "Ringkasan"
WARNINGS_SHEET, DUPLICATES_SHEET = "Peringatan", "Duplikat dalam berkas"


def is_risky(text: str) -> bool:
    """True for text a spreadsheet could execute as a formula (CSV/formula injection, OWASP)."""
    return bool(_RISKY.match(text)) and not _SIGNED_NUMBER.match(text)


def _messages() -> dict[str, str]:
    # Messages do not depend on the reference date; any date gives the same templates.
    return {r["code"]: re.sub(r"\{\w+\}", "…", r["message"]) for r in rule_table(date(2000, 1, 1))}


def write_report(
    rejected: pl.DataFrame,
    path: str | Path,
    *,
    errors_by_rule: dict[str, int] | None = None,
    warned: pl.DataFrame | None = None,
    duplicates: pl.DataFrame | None = None,
) -> None:
    """Write ``Prepared.rejected`` (original cells, ``__row``, ``__rule``, ``__reason``) to an .xlsx file; with
    ``warned`` (``Prepared.warned``) and ``duplicates`` (``Prepared.duplicates``), a sheet of each after it:
    accepted rows to look at, which the page shows only the first of."""
    columns = [c for c in rejected.columns if c not in (ROW, RULE, REASON)]
    counts = errors_by_rule if errors_by_rule is not None else count_by_rule(rejected)
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    head = workbook.add_format({"bold": True, "bg_color": "#F8CBAD", "border": 1})
    text = workbook.add_format({"num_format": "@"})
    guarded = workbook.add_format({"num_format": "@", "quote_prefix": True})

    def rows_sheet(name: str, ordered: pl.DataFrame, nik_as_number: str | None = None) -> None:
        # ``ordered``: the original cells as text, then the row number, code and reason.
        sheet = workbook.add_worksheet(name)
        titles = [*columns, REPORT_ROW, REPORT_CODE, REPORT_REASON]
        for col, title in enumerate(titles):
            sheet.write_string(0, col, title, head)
        if columns:
            sheet.set_column(0, len(columns) - 1, 18, text)
        sheet.set_column(len(columns), len(columns) + 1, 14, text)
        sheet.set_column(len(columns) + 2, len(columns) + 2, 70, text)
        sheet.freeze_panes(1, 0)
        nik_columns = {i for i, c in enumerate(columns) if match_header(c) == "nik"}
        code_column = len(columns) + 1
        for r, values in enumerate(ordered.iter_rows(), start=1):
            # A NIK rejected because it was a number goes back as that number: written as text it would pass on
            # re-upload unchecked, though its last digit may still be Excel's rounding.
            as_number = nik_as_number is not None and values[code_column] == nik_as_number
            for c, value in enumerate(values):
                if value is None or value == "":
                    continue
                if as_number and c in nik_columns and value.isdigit():
                    sheet.write_number(r, c, float(value))
                else:
                    sheet.write_string(r, c, value, guarded if is_risky(value) else text)

    cells = [pl.col(c).cast(pl.String) for c in columns]
    rows_sheet(SHEET, rejected.select(*cells, pl.col(ROW).cast(pl.String), RULE, REASON), nik_as_number=NIK_PRECISION)
    if warned is not None and warned.height:
        reasons = pl.col(WARNINGS).list.eval(pl.element().replace_strict(_warning_texts(), default=pl.element()))
        rows_sheet(
            WARNINGS_SHEET,
            warned.select(
                *cells,
                pl.col(ROW).cast(pl.String),
                pl.col(WARNINGS).list.join(", ").alias(RULE),
                reasons.list.join(" ").alias(REASON),
            ),
        )
    if duplicates is not None and duplicates.height:
        kept = pl.col("kept_row").cast(pl.String)
        rows_sheet(
            DUPLICATES_SHEET,
            duplicates.select(
                *cells,
                pl.col(ROW).cast(pl.String),
                pl.lit(DUPLICATE_IN_FILE).alias(RULE),
                pl.format(DUPLICATE_TEMPLATE, kept, kept).alias(REASON),
            ),
        )

    summary = workbook.add_worksheet(SUMMARY)
    summary.write_row(0, 0, ["Kode aturan", "Jumlah baris", "Keterangan"], head)
    messages = _messages()
    for r, (code, n) in enumerate(sorted(counts.items()), start=1):
        summary.write_string(r, 0, code)
        summary.write_number(r, 1, n)
        summary.write_string(r, 2, messages.get(code, ""))
    total_row = len(counts) + 1
    summary.write_string(total_row, 0, "Jumlah", head)
    summary.write_number(total_row, 1, sum(counts.values()), head)
    summary.set_column(0, 0, 26)
    summary.set_column(1, 1, 14)
    summary.set_column(2, 2, 90)
    workbook.close()


def _warning_texts() -> dict[str, str]:
    return dict(reasons())
