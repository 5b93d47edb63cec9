"""Indonesian words for the calculator's codes (payers, funders), which the rules keep in English."""

from __future__ import annotations

from django import template

register = template.Library()

# The rules name payers and funders by code (stable in the JSON API); the page shows words.
_LABELS = {
    "employer": "pemberi kerja",
    "worker": "pekerja",
    "participant": "peserta",
    "government": "pemerintah",
    "contractor": "penyedia jasa konstruksi",
    "periodic": "berkala",
    "self": "mandiri (pekerja sendiri)",
    "apbd": "APBD",
    "apbn": "APBN",
    "apbdes": "APBDes",
    "dbhcht": "DBHCHT",
    "csr": "CSR perusahaan",
    "donor": "donatur",
    "baznas": "BAZNAS",
}


@register.filter
def calc_label(code: str | None) -> str:
    """A code without a word yet shows as itself, never as an empty cell."""
    if not code:
        return ""
    return _LABELS.get(code, code)
