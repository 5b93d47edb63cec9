"""The calculator's codes as words on the page, in the user's language.

The rules keep payers, components, funders, risk classes and benefit kinds as codes (the API's
contract) and name them in Indonesian in ``jaring.rules.words``; the same Indonesian words are the
msgids here, so the English catalogue translates them (ADR 0003). A test keeps both tables in step.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

register = template.Library()

WORDS: dict[str, Any] = {
    # payers
    "employer": _("pemberi kerja"),
    "worker": _("pekerja"),
    "government": _("pemerintah"),
    "participant": _("peserta"),
    "contractor": _("penyedia jasa konstruksi"),
    # benefit components
    "lump_sum": _("santunan sekaligus"),
    "periodic": _("santunan berkala"),
    "funeral": _("biaya pemakaman"),
    "scholarship_max": _("beasiswa paling banyak"),
    # funders
    "self": _("mandiri (pekerja sendiri)"),
    "apbd": "APBD",
    "apbn": "APBN",
    "apbdes": "APBDes",
    "dbhcht": "DBHCHT",
    "csr": _("CSR perusahaan"),
    "donor": _("donatur"),
    "baznas": "BAZNAS",
    # risk classes
    "sangat-rendah": _("sangat rendah"),
    "rendah": _("rendah"),
    "sedang": _("sedang"),
    "tinggi": _("tinggi"),
    "sangat-tinggi": _("sangat tinggi"),
    # benefit kinds
    "jkm": _("JKM: meninggal bukan karena kerja"),
    "jkk-death": _("JKK: meninggal karena kecelakaan kerja"),
    "jkk-stmb": _("JKK: sementara tidak mampu bekerja (STMB)"),
    "jkk-disability": _("JKK: cacat"),
    "jkp": _("JKP: kehilangan pekerjaan"),
    "jp": _("JP: jaminan pensiun"),
    "jht": _("JHT: saldo dan pencairan"),
    # segments
    "pu": _("PU (penerima upah)"),
    "bpu": _("BPU (bukan penerima upah)"),
    "jakon": _("Jakon (jasa konstruksi)"),
    "pmi": _("PMI (pekerja migran)"),
    # sectors and JHT payout reasons
    "other": _("lainnya"),
    "transport": _("transportasi"),
    "full": _("seluruh saldo"),
    "partial-retirement": _("sebagian untuk persiapan pensiun"),
    "partial-housing": _("sebagian untuk perumahan"),
}


@register.filter
def calc_label(code: str | None) -> str:
    """A code without a word yet shows as itself, never as an empty cell."""
    if not code:
        return ""
    return str(WORDS.get(code, code))


@register.filter
def in_language(item: Any, field: str) -> str:
    """``message`` or ``label`` of a warning, refusal or line: ``_en`` under English, else ``_id``."""
    suffix = "en" if (get_language() or "id").startswith("en") else "id"
    return str(getattr(item, f"{field}_{suffix}", "") or getattr(item, f"{field}_id", ""))


@register.filter
def tanggal_isian(value: str | None) -> str:
    """A date field's value as the user types it: 2026-01-15 shows as 15/01/2026; anything else as typed."""
    text = (value or "").strip()
    parts = text.split("-")
    if len(parts) == 3 and len(parts[0]) == 4 and all(p.isdigit() for p in parts):
        return f"{int(parts[2]):02d}/{int(parts[1]):02d}/{parts[0]}"
    return text
