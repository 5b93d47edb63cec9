"""Column headers: the documented aliases, the header-row search, and the downloadable template.

Headers match case-, space- and punctuation-insensitively, and text in parentheses is ignored, so
"No. HP", "no hp", "NO_HP" and "No HP (WA)" are one header. Beyond the aliases of issue 4 the table
accepts a few obvious extras, marked ``extra`` in ``FIELDS`` and listed on the template's "Petunjuk"
sheet: "NIK KTP", "Desa/Kel", "Kode Kemendagri", "Nomor HP", "No. Telp", "Desil" (DTKS/P3KE decile) and
"Sumber Data". Row-number columns ("No", "No.", "Nomor", "No Urut") and the failure report's own
columns ("Baris", "Kode aturan", "Alasan") are ignored, so a corrected report can be uploaded again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter


class FileRejected(Exception):
    """The whole file cannot be imported; ``message`` is shown to the user as is."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    label: str
    aliases: tuple[str, ...]
    extra: tuple[str, ...]
    required: str
    rule: str
    example: str


FIELDS: tuple[Field, ...] = (
    Field(
        "nik",
        "NIK",
        ("NIK",),
        ("NIK KTP",),
        "wajib",
        "16 digit. Ketik sebagai teks (format sel Teks, atau awali dengan ') agar Excel tidak membulatkan "
        "digit terakhir; spasi dan titik diabaikan.",
        "3328015708900001",
    ),
    Field(
        "name",
        "Nama Lengkap",
        ("Nama", "Nama Lengkap"),
        (),
        "wajib",
        "Sesuai KTP. Hanya huruf, spasi dan tanda . , ' -",
        "Siti Aminah",
    ),
    Field(
        "sex",
        "Jenis Kelamin",
        ("Jenis Kelamin", "JK"),
        ("L/P",),
        "boleh kosong (diisi dari NIK)",
        "L atau P (juga Laki-laki/Perempuan, LK/PR, Pria/Wanita).",
        "P",
    ),
    Field("birth_place", "Tempat Lahir", ("Tempat Lahir",), (), "boleh kosong", "Nama kota/kabupaten.", "Tegal"),
    Field(
        "birth_date",
        "Tanggal Lahir",
        ("Tanggal Lahir", "Tgl Lahir"),
        (),
        "boleh kosong (diisi dari NIK)",
        "Tanggal dulu: dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd, 17 Agustus 1990, atau sel tanggal Excel.",
        "17/08/1990",
    ),
    Field("address", "Alamat", ("Alamat",), (), "boleh kosong", "RT/RW dan dusun.", "RT 02 RW 03 Dusun Krajan"),
    Field(
        "village_name",
        "Desa/Kelurahan",
        ("Desa", "Kelurahan", "Desa/Kelurahan"),
        ("Desa/Kel",),
        "wajib jika Kode Desa kosong",
        "Nama desa/kelurahan domisili, di dalam wilayah Anda.",
        "Prupuk Selatan",
    ),
    Field(
        "district_name",
        "Kecamatan",
        ("Kecamatan",),
        (),
        "dianjurkan",
        "Wajib bila nama desa yang sama ada di lebih dari satu kecamatan.",
        "Margasari",
    ),
    Field(
        "village_code",
        "Kode Desa",
        ("Kode Desa", "Kode Wilayah"),
        ("Kode Kemendagri",),
        "wajib jika Desa/Kelurahan kosong",
        "Kode Kemendagri 10 digit, dengan atau tanpa titik (33.28.01.2001 atau 3328012001).",
        "33.28.01.2001",
    ),
    Field("occupation", "Pekerjaan", ("Pekerjaan",), (), "boleh kosong", "Mis. petani, nelayan, ojek.", "Petani"),
    Field(
        "income",
        "Penghasilan per Bulan",
        ("Penghasilan", "Penghasilan per Bulan"),
        (),
        "boleh kosong",
        "Rupiah per bulan: 1500000, 1.500.000, Rp 1.500.000,00 atau 1,5 juta.",
        "1.500.000",
    ),
    Field(
        "phone",
        "No. HP",
        ("No HP", "No. HP", "Telepon"),
        ("Nomor HP", "No. Telp"),
        "boleh kosong",
        "Diawali 08 atau 62; ketik sebagai teks agar angka 0 di depan tidak hilang.",
        "081234567890",
    ),
    Field("decile", "Desil", (), ("Desil",), "boleh kosong", "Desil DTKS/P3KE, angka 1 sampai 10.", "1"),
    Field("source", "Sumber Data", (), ("Sumber Data",), "boleh kosong", "Mis. DTKS, P3KE, musdes 2026.", "Musdes"),
)
IGNORED: tuple[str, ...] = ("No", "No.", "Nomor", "No Urut", "Baris", "Kode aturan", "Alasan")
# The failure report appends these after the original headers; on re-upload they are ignored.
REPORT_ROW, REPORT_CODE, REPORT_REASON = "Baris", "Kode aturan", "Alasan"
IGNORE = "__ignore__"
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)

_PARENS = re.compile(r"\([^)]*\)")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def header_key(text: str) -> str:
    """'No. HP' -> 'nohp'; 'Desa/Kelurahan' -> 'desakelurahan'; 'Penghasilan (Rp)' -> 'penghasilan'."""
    return _NOT_ALNUM.sub("", _PARENS.sub("", text.lower()))


def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for f in FIELDS:
        for alias in (*f.aliases, *f.extra):
            index[header_key(alias)] = f.name
    for alias in IGNORED:
        index[header_key(alias)] = IGNORE
    return index


ALIASES: dict[str, str] = _alias_index()


def match_header(text: str | None) -> str | None:
    """The canonical field for a header cell, ``IGNORE`` for a row-number column, or None if unknown."""
    return ALIASES.get(header_key(text)) if text else None


@dataclass(frozen=True, slots=True)
class HeaderMap:
    """Which column (by position) feeds each canonical field, and what was left aside."""

    fields: dict[str, int]
    unknown: tuple[str, ...]
    ignored: tuple[str, ...]
    repeated: tuple[str, ...]

    @property
    def score(self) -> int:
        return len(self.fields)

    @property
    def is_header(self) -> bool:
        return "nik" in self.fields and "name" in self.fields


def map_headers(cells: Sequence[str | None]) -> HeaderMap:
    fields: dict[str, int] = {}
    unknown: list[str] = []
    ignored: list[str] = []
    repeated: list[str] = []
    for i, cell in enumerate(cells):
        text = (cell or "").strip()
        if not text:
            continue
        field = match_header(text)
        if field is None:
            unknown.append(text)
        elif field == IGNORE:
            ignored.append(text)
        elif field in fields:
            repeated.append(text)  # the first column with a given meaning wins
        else:
            fields[field] = i
    return HeaderMap(fields, tuple(unknown), tuple(ignored), tuple(repeated))


def find_header(rows: Sequence[Sequence[str | None]]) -> tuple[int, HeaderMap]:
    """The index of the row with the most known headers (NIK and Nama at least) among ``rows``."""
    if not any((cell or "").strip() for row in rows for cell in row):
        raise FileRejected("FILE.EMPTY", "Berkas kosong: tidak ada isian di 20 baris pertama.")
    best: tuple[int, HeaderMap] | None = None
    for i, row in enumerate(rows):
        mapped = map_headers(row)
        if mapped.is_header and (best is None or mapped.score > best[1].score):
            best = (i, mapped)
    if best is None:
        raise FileRejected(
            "FILE.NO_HEADER",
            f"Baris judul kolom tidak ditemukan di {len(rows)} baris pertama: harus ada kolom NIK dan Nama "
            "(lihat templat impor).",
        )
    return best


def require_columns(mapped: HeaderMap) -> None:
    if "village_code" not in mapped.fields and "village_name" not in mapped.fields:
        raise FileRejected(
            "FILE.MISSING_COLUMNS",
            "Kolom wajib tidak ada: Kode Desa atau Desa/Kelurahan (salah satu harus ada).",
        )


def write_template(path: str | Path) -> None:
    """The import template: canonical headers, one example row, and a "Petunjuk" sheet built from ``FIELDS``."""
    workbook = xlsxwriter.Workbook(str(path))
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    text = workbook.add_format({"num_format": "@"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    sheet = workbook.add_worksheet("Pekerja")
    for col, f in enumerate(FIELDS):
        sheet.write_string(0, col, f.label, bold)
        # Text format on the whole column: a NIK, phone or code typed there keeps every digit and leading zero.
        sheet.set_column(col, col, max(14, len(f.label) + 2), text)
        sheet.write_string(1, col, f.example, text)
    sheet.freeze_panes(1, 0)

    notes = workbook.add_worksheet("Petunjuk")
    notes.write_row(0, 0, ["Kolom", "Wajib", "Nama judul lain yang diterima", "Aturan", "Contoh"], bold)
    for row, f in enumerate(FIELDS, start=1):
        names = ", ".join(dict.fromkeys((f.label, *f.aliases, *f.extra)))
        notes.write_row(row, 0, [f.label, f.required, names, f.rule, f.example], wrap)
    tail = len(FIELDS) + 2
    notes.write_string(tail, 0, "Diabaikan", bold)
    notes.write_string(tail, 2, ", ".join(IGNORED), wrap)
    notes.write_string(
        tail,
        3,
        "Kolom nomor urut dan kolom tambahan laporan kegagalan. Judul kolom tidak peka huruf besar/kecil, spasi, "
        "tanda baca, dan teks dalam kurung. Baris judul boleh didahului baris judul dokumen; baris kosong dilewati.",
        wrap,
    )
    notes.set_column(0, 1, 24, wrap)
    notes.set_column(2, 2, 40, wrap)
    notes.set_column(3, 3, 70, wrap)
    notes.set_column(4, 4, 20, wrap)
    workbook.close()
