"""Words for the calculator's codes, and how every message reaches a reader in Indonesian.

The mechanism, one for every interface:

- A result's lines, warnings and refusals carry a stable **code** (``payer="employer"``,
  ``component="scholarship_max"``, warning ``JKM.BPU_EARLY.UNCHECKED``, refusal ``MISSING_WAGE``).
  Codes are the API's contract and never change with the language.
- Each warning and refusal is built where the rule knows its parameters, as two finished
  sentences: ``message_id`` (Indonesian, the source language of ADR 0003) and ``message_en``.
  Amounts in both are written ``Rp 1.500.000`` (``money.format_rupiah``) and dates ``17/08/2026``
  (``tanggal``); citations in the rate data are Indonesian legal references (``PP 82/2019 (mengubah
  PP 44/2015)``). The code is the key: a reader (or a translator) finds every message of a code
  in one ``trace.warn``/``RuleInputError`` call.
- Codes that name a thing (payers, benefit components, funders, risk classes, benefit kinds,
  segments, options of a configurable rule) become words through the tables below. The CLI and
  the API's ``detail`` print ``message_id`` and these Indonesian words; the web page shows the
  same Indonesian words through Django's translation (``web/templatetags/calc_format.py`` marks
  them, so they appear in English when the user chose English) and picks ``message_en`` instead
  of ``message_id`` under English.
"""

from __future__ import annotations

from datetime import date

PAYER_ID = {
    "employer": "pemberi kerja",
    "worker": "pekerja",
    "government": "pemerintah",
    "participant": "peserta",
    "contractor": "penyedia jasa konstruksi",
}
COMPONENT_ID = {
    "lump_sum": "santunan sekaligus",
    "periodic": "santunan berkala",
    "funeral": "biaya pemakaman",
    "scholarship_max": "beasiswa paling banyak",
}
FUNDER_ID = {
    "self": "mandiri (pekerja sendiri)",
    "apbd": "APBD",
    "apbn": "APBN",
    "apbdes": "APBDes",
    "dbhcht": "DBHCHT",
    "csr": "CSR perusahaan",
    "donor": "donatur",
    "baznas": "BAZNAS",
}
RISK_ID = {
    "sangat-rendah": "sangat rendah",
    "rendah": "rendah",
    "sedang": "sedang",
    "tinggi": "tinggi",
    "sangat-tinggi": "sangat tinggi",
}
BENEFIT_KIND_ID = {
    "jkm": "JKM: meninggal bukan karena kerja",
    "jkk-death": "JKK: meninggal karena kecelakaan kerja",
    "jkk-stmb": "JKK: sementara tidak mampu bekerja (STMB)",
    "jkk-disability": "JKK: cacat",
    "jkp": "JKP: kehilangan pekerjaan",
    "jp": "JP: jaminan pensiun",
    "jht": "JHT: saldo dan pencairan",
}
SEGMENT_ID = {
    "pu": "PU (penerima upah)",
    "bpu": "BPU (bukan penerima upah)",
    "jakon": "Jakon (jasa konstruksi)",
    "pmi": "PMI (pekerja migran)",
}
SECTOR_ID = {"other": "lainnya", "transport": "transportasi"}
JHT_REASON_ID = {
    "full": "seluruh saldo",
    "partial-retirement": "sebagian untuk persiapan pensiun",
    "partial-housing": "sebagian untuk perumahan",
}
# The options of the configurable rules (config.py), as the Indonesian warning names them.
OPTION_ID = {
    "declared-income": "penghasilan yang dilaporkan",
    "lower-confirmed": "baris terkonfirmasi di bawahnya",
    "reject": "ditolak",
    "lift": "dinaikkan ke dasar minimum",
    "yes": "ya",
    "no": "tidak",
    "bpu-package": "paket BPU atas honorarium",
    "pu-percentage": "persentase PU atas honorarium",
    "funeral": "biaya pemakaman",
    "death-benefit": "santunan kematian",
    "carry-forward": "angka terakhir yang diketahui",
    "0.01": "0,01%",
    "0.005": "0,005%",
    **RISK_ID,
}


def tanggal(on: date) -> str:
    """``17/08/2026``: how an Indonesian page writes a date."""
    return on.strftime("%d/%m/%Y")


def word(table: dict[str, str], code: str | None) -> str:
    """The word for ``code``, or the code itself while no word exists (never an empty cell)."""
    if not code:
        return ""
    return table.get(code, code)
