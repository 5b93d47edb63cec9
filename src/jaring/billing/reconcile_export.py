"""A reconciliation run's report as an .xlsx: a heading that says which list, programme and date, the counts,
then one row per finding in category order, NIK masked.

Text a spreadsheet could run as a formula once edited (a file name or a name starting with =, +, -, @) is
written with Excel's quote prefix, as the registry's export does (OWASP CSV injection)."""

from __future__ import annotations

from typing import IO, Any

import xlsxwriter

from jaring.billing.models_reconcile import Category, ReconciliationRun
from jaring.billing.reconcile_selectors import all_findings
from jaring.registry.export_xlsx import is_risky

# (finding key, Indonesian header, width, kind)
COLUMNS: tuple[tuple[str, str, int, str], ...] = (
    ("category", "Kategori", 40, "text"),
    ("row", "Baris di berkas BPJS", 10, "number"),
    ("nik_masked", "NIK (disamarkan)", 19, "text"),
    ("name", "Nama", 28, "text"),
    ("bpjs_status", "Status di BPJS", 16, "text"),
    ("kpj_bpjs", "KPJ menurut BPJS", 14, "text"),
    ("kpj_here", "KPJ di sini", 14, "text"),
    ("paid_until_bpjs", "Iuran terakhir menurut BPJS", 14, "date"),
    ("paid_through_here", "Dibayar sampai di sini", 14, "date"),
    ("amount_bpjs", "Iuran per bulan menurut BPJS", 14, "money"),
    ("amount_here", "Iuran per bulan di sini", 14, "money"),
    ("note", "Keterangan", 50, "text"),
)
_LABELS = {c.value: str(c.label) for c in Category}


def _status(active: bool | None) -> str:
    return {True: "Aktif", False: "Tidak aktif", None: "Tidak ada dalam daftar"}[active]


def write_reconciliation_xlsx(run: ReconciliationRun, out: IO[bytes]) -> int:
    """Writes the report; returns the number of findings written."""
    book = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False})
    title = book.add_format({"bold": True, "font_size": 14})
    bold = book.add_format({"bold": True})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    text = book.add_format({"num_format": "@"})
    guarded = book.add_format({"num_format": "@", "quote_prefix": True})
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    number = book.add_format({"num_format": "0"})
    money = book.add_format({"num_format": '"Rp "#,##0'})
    sheet = book.add_worksheet("Rekonsiliasi")
    for col, (_, _, width, _) in enumerate(COLUMNS):
        sheet.set_column(col, col, width)

    def put_text(r: int, c: int, value: str, style: Any = None) -> None:
        sheet.write_string(r, c, value, guarded if is_risky(value) else (style or text))

    sheet.write_string(0, 0, "Rekonsiliasi daftar peserta aktif BPJS — Jaring", title)
    heading = [
        ("Program", run.programme.name),
        ("Berkas BPJS", run.original_name),
        ("Per tanggal", f"{run.on:%d/%m/%Y}"),
        ("Baris dalam daftar", f"{run.rows or 0:,}".replace(",", ".")),
    ] + [(_LABELS[c.value], f"{getattr(run, c.value) or 0:,}".replace(",", ".")) for c in Category]
    for r, (label, value) in enumerate(heading, start=1):
        sheet.write_string(r, 0, label, bold)
        put_text(r, 1, value)
    top = len(heading) + 2
    sheet.freeze_panes(top + 1, 0)
    for col, (_, header, _, _) in enumerate(COLUMNS):
        sheet.write_string(top, col, header, head)
    written = 0
    for r, (category, finding) in enumerate(all_findings(run), start=top + 1):
        values = finding | {"category": _LABELS[category], "bpjs_status": _status(finding["bpjs_active"])}
        for c, (key, _, _, kind) in enumerate(COLUMNS):
            value = values[key]
            if value is None or value == "":
                continue
            if kind == "date":
                sheet.write_datetime(r, c, value, day)
            elif kind in ("number", "money"):
                sheet.write_number(r, c, value, number if kind == "number" else money)
            else:
                put_text(r, c, str(value))
        written += 1
    if written:
        sheet.autofilter(top, 0, top + written, len(COLUMNS) - 1)
    book.close()
    return written
