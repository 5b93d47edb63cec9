"""Indonesian words for what the billing tables hold: months, statuses, benefits and the rule behind a line."""

from __future__ import annotations

from datetime import date

from django.utils import dateformat
from django.utils.translation import gettext as _

from jaring.rules.rates import BOOK

BENEFITS = {"JKK": "Jaminan Kecelakaan Kerja", "JKM": "Jaminan Kematian", "JHT": "Jaminan Hari Tua"}
# Codes the billing run writes itself, not rate records of the rules engine.
OWN_CODES = {"BILL.CORRECTION": "Koreksi tagihan bulan sebelumnya"}


def month_label(month: date) -> str:
    """ "Januari 2026" (in the user's language)."""
    return dateformat.format(month, "F Y")


def months_label(first: date, months: int) -> str:
    if months <= 1:
        return month_label(first)
    from jaring.rules.table import add_months

    return f"{month_label(first)} – {month_label(add_months(first, months - 1))}"


def rule_label(code: str, month: date) -> str:
    """The rule's own Indonesian description (the rate record in force that month, or the last before)."""
    if code in OWN_CODES:
        return _(OWN_CODES[code])
    record = BOOK.find(code, month) or BOOK.latest_before(code, month)
    return record.description_id if record is not None else _("Aturan iuran")


def status_label(status: str) -> str:
    return {"Lunas": _("Lunas"), "Sebagian": _("Sebagian"), "Belum dibayar": _("Belum dibayar")}[status]
