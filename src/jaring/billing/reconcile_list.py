"""BPJS's active participant list (daftar peserta aktif) as BPJS sends it: NIK, KPJ, Status and the month paid
until ("Iuran Terakhir", "Dibayar Sampai"), optionally the monthly iuran ("Iuran", "Nominal Iuran"), in csv or
xlsx, read by the importer's reader.

All or nothing: a missing column refuses the file; a bad NIK, status, KPJ or date, or a NIK twice, refuses it
with every bad row listed. Judged in Polars over the whole frame, never row by row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from jaring.imports.headers import FileRejected, HeaderMap, header_key
from jaring.imports.normalise import _MONTHS, date_expr
from jaring.imports.reader import NIK_NUMBER, ROW, Limits, read_table
from jaring.rules.money_text import income_expr

MAX_ROWS = 2_000_000
# The first month BPJS Ketenagakerjaan collected iuran under that name (PP 44/2015, from 1 July 2015).
EARLIEST = date(2015, 7, 1)

COLUMNS: dict[str, tuple[str, frozenset[str]]] = {
    "nik": ("NIK", frozenset({"nik", "nikktp", "nikpeserta", "noktp", "nomorktp", "nomorindukkependudukan"})),
    "kpj": (
        "KPJ",
        frozenset({"kpj", "nokpj", "nomorkpj", "nokartu", "nomorkartu", "nopeserta", "nomorpeserta", "kpjpeserta"}),
    ),
    "status": (
        "Status",
        frozenset({"status", "statuspeserta", "statuskepesertaan", "statusaktif", "keaktifan", "statusaktifpeserta"}),
    ),
    "paid_until": (
        "Iuran Terakhir",
        frozenset(
            {
                "iuranterakhir",
                "bulaniuranterakhir",
                "blthiuranterakhir",
                "tgliuranterakhir",
                "tanggaliuranterakhir",
                "dibayarsampai",
                "iurandibayarsampai",
                "lunassampai",
                "iuransampai",
                "masaiuranterakhir",
                "paiduntil",
                "paidthrough",
                "bayarterakhir",
                "iuranterakhirbulan",
            }
        ),
    ),
}
# Not required: when BPJS's list carries the monthly iuran, the amounts are compared too.
OPTIONAL: dict[str, tuple[str, frozenset[str]]] = {
    "amount": (
        "Iuran",
        frozenset(
            {
                "iuran",
                "iuranperbulan",
                "iuranbulanan",
                "nominaliuran",
                "jumlahiuran",
                "besaraniuran",
                "totaliuran",
                "nominal",
                "tagihaniuran",
            }
        ),
    ),
}
_ACTIVE_WORDS = {
    **dict.fromkeys(("aktif", "aktip", "active", "a", "y", "ya", "1"), True),
    **dict.fromkeys(
        ("nonaktif", "tidakaktif", "inactive", "na", "n", "t", "tidak", "0", "keluar", "berhenti", "meninggal"),
        False,
    ),
}
RULES = {
    "NIK.FORMAT": "NIK harus 16 digit angka.",
    "NIK.PRECISION": (
        "NIK tertulis sebagai angka sehingga digit terakhirnya mungkin dibulatkan Excel; ketik NIK sebagai teks."
    ),
    "NIK.REPEATED": "NIK ini muncul lebih dari sekali dalam daftar.",
    "STATUS.UNKNOWN": "Status harus Aktif atau Non Aktif.",
    "KPJ.FORMAT": "Nomor KPJ harus 11 digit angka.",
    "KPJ.REPEATED": "Nomor KPJ yang sama tercatat untuk lebih dari satu NIK.",
    "PAID_UNTIL.FORMAT": "Iuran Terakhir tidak terbaca: tulis sebagai tanggal (31/03/2026) atau bulan (03/2026).",
    "PAID_UNTIL.RANGE": (
        "Iuran Terakhir di luar rentang yang mungkin (sebelum Juli 2015 atau lebih dari setahun ke depan)."
    ),
    "PAID_UNTIL.EMPTY": "Peserta berstatus aktif tetapi Iuran Terakhir kosong.",
    "AMOUNT.FORMAT": "Iuran tidak terbaca: tulis sebagai angka rupiah (16800 atau Rp 16.800).",
}
SCHEMA = {
    "row": pl.Int64, "nik": pl.String, "kpj": pl.String, "active": pl.Boolean, "paid_until": pl.Date,
    "amount": pl.Int64,
}  # fmt: skip


class ListRefused(ValueError):
    """The list cannot be used as it is; ``problems`` lists (row, rule code, message) when rows are at fault."""

    def __init__(self, code: str, message: str, problems: list[tuple[int, str, str]] | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.problems = problems or []
        self.errors_by_rule: dict[str, int] = {}
        for _, rule, _ in self.problems:
            self.errors_by_rule[rule] = self.errors_by_rule.get(rule, 0) + 1


@dataclass(frozen=True)
class ActiveList:
    """One row per NIK: (row, nik, kpj, active, paid_until) with ``paid_until`` the last day paid."""

    frame: pl.DataFrame
    rows: int
    problems: list[tuple[int, str, str]] = field(default_factory=list)


def _kind(cell: str | None) -> str | None:
    key = header_key(cell or "")
    return next((kind for kind, (_, keys) in (COLUMNS | OPTIONAL).items() if key in keys), None)


def find_list_header(rows: list[list[str | None]]) -> tuple[int, HeaderMap]:
    """The row naming a NIK column and the most of KPJ, Status and Iuran Terakhir among the first rows."""
    if not any((cell or "").strip() for row in rows for cell in row):
        raise FileRejected("FILE.EMPTY", "Berkas kosong: tidak ada isian di 20 baris pertama.")
    best: tuple[int, HeaderMap] | None = None
    for i, row in enumerate(rows):
        fields: dict[str, int] = {}
        unknown: list[str] = []
        for j, cell in enumerate(row):
            kind = _kind(cell)
            if kind is not None and kind not in fields:
                fields[kind] = j
            elif (cell or "").strip():
                unknown.append((cell or "").strip())
        mapped = HeaderMap(fields, tuple(unknown), (), ())
        if "nik" in fields and len(fields) > 1 and (best is None or mapped.score > best[1].score):
            best = (i, mapped)
    if best is None:
        raise FileRejected(
            "FILE.NO_HEADER",
            f"Baris judul kolom tidak ditemukan di {len(rows)} baris pertama: daftar peserta aktif BPJS harus "
            "memuat kolom NIK, KPJ, Status dan Iuran Terakhir (atau Dibayar Sampai).",
        )
    return best


def paid_until_expr(expr: pl.Expr, reference: date) -> pl.Expr:
    """The last day paid: a date as written (day first, ISO, Excel cell or serial), or the last day of a month
    written as 03/2026, 2026-03, 202603 or Maret 2026."""
    s = expr.str.strip_chars().str.to_lowercase()
    month_year = s.str.extract_groups(r"^(?<m>\d{1,2})[-/.](?<y>\d{4})$")
    year_month = s.str.extract_groups(r"^(?<y>\d{4})[-/.]?(?<m>\d{2})$")
    named = s.str.extract_groups(r"^(?<m>[a-z]{3,})[ \-/.,]*(?<y>\d{4})$")
    name_month = named.struct.field("m").str.slice(0, 3).replace_strict(_MONTHS, default=None, return_dtype=pl.Int32)
    year = pl.coalesce(month_year.struct.field("y"), year_month.struct.field("y"), named.struct.field("y"))
    month = pl.coalesce(
        month_year.struct.field("m").cast(pl.Int32), year_month.struct.field("m").cast(pl.Int32), name_month
    )
    first = pl.format("{}-{}-01", year, month.cast(pl.String).str.pad_start(2, "0")).str.to_date(
        "%Y-%m-%d", strict=False
    )
    return pl.coalesce(first.dt.month_end(), date_expr(expr, reference))


def amount_expr(expr: pl.Expr) -> pl.Expr:
    """Whole rupiah as the registry reads typed rupiah (16800, 16.800, 16,800, Rp. 16.800,-, 16800.0 from a
    spreadsheet's number; never through a float); null if unreadable or negative."""
    number = income_expr(expr)
    return pl.when((number >= 0) & (number < 10**12)).then(number)


def _per_distinct(frame: pl.DataFrame, column: str, convert: pl.Expr, dtype: pl.DataType) -> pl.Series:
    """``convert`` (of ``pl.col(column)``) once per distinct value: a list of a million members has a few dozen
    distinct months and amounts, and the regexes are the dear part."""
    distinct = frame.get_column(column).drop_nulls().unique()
    mapped = distinct.to_frame().select(convert.cast(dtype)).to_series()
    return frame.get_column(column).replace_strict(distinct, mapped, default=None, return_dtype=dtype)


def _column(table_columns: tuple[str, ...], mapping: HeaderMap, kind: str) -> str | None:
    index = mapping.fields.get(kind)
    return None if index is None else table_columns[index]


def _twice(column: str) -> pl.Expr:
    """A well-formed number written on more than one row (a malformed one is already at fault). As an integer:
    duplicates are found several times faster than on text, and equal digits of one length are equal numbers."""
    key = pl.col(column).cast(pl.Int64, strict=False)
    return key.is_not_null() & key.is_duplicated()


def _problems(frame: pl.DataFrame, reference: date) -> pl.DataFrame:
    latest = date(reference.year + 1, reference.month, 1)
    checks = [
        ("NIK.FORMAT", ~pl.col("nik").fill_null("").str.contains(r"^\d{16}$")),
        ("NIK.PRECISION", pl.col("nik_lossy")),
        ("STATUS.UNKNOWN", pl.col("active").is_null()),
        ("KPJ.FORMAT", pl.col("kpj").is_not_null() & ~pl.col("kpj").str.contains(r"^\d{11}$")),
        ("PAID_UNTIL.FORMAT", pl.col("raw_paid").is_not_null() & pl.col("paid_until").is_null()),
        ("PAID_UNTIL.RANGE", (pl.col("paid_until") < EARLIEST) | (pl.col("paid_until") >= latest)),
        ("PAID_UNTIL.EMPTY", pl.col("active") & pl.col("raw_paid").is_null()),
        ("NIK.REPEATED", _twice("nik")),
        ("AMOUNT.FORMAT", pl.col("raw_amount").is_not_null() & pl.col("amount").is_null()),
    ]
    flags = frame.select("row", *(cond.fill_null(False).alias(code) for code, cond in checks))
    found = [flags.filter(pl.any_horizontal(code for code, _ in checks))]
    found = [found[0].filter(pl.col(code)).select("row", code=pl.lit(code)) for code, _ in checks]
    # A KPJ on more than one row is the rare case: only those rows are grouped by KPJ.
    twice = frame.filter(_twice("kpj"))
    if twice.height:
        many = twice.filter(pl.col("nik").n_unique().over("kpj") > 1)
        found.append(many.select("row", code=pl.lit("KPJ.REPEATED")))
    return pl.concat(found).sort("row", "code")


def list_read(path: Path, *, reference: date) -> ActiveList:
    """The list as one row per NIK, or ListRefused naming the missing columns or every bad row."""
    try:
        table = read_table(path, limits=Limits(max_rows=MAX_ROWS), require=None, header=find_list_header)
    except FileRejected as exc:
        raise ListRefused(exc.code, exc.message) from exc
    names = {kind: _column(table.columns, table.mapping, kind) for kind in COLUMNS}
    missing = [COLUMNS[kind][0] for kind, name in names.items() if name is None]
    if missing:
        raise ListRefused(
            "FILE.MISSING_COLUMNS",
            f"Kolom wajib tidak ada: {', '.join(missing)}. Daftar peserta aktif BPJS harus memuat NIK, KPJ, Status "
            "dan Iuran Terakhir (atau Dibayar Sampai).",
        )
    if table.frame.height == 0:
        raise ListRefused("FILE.NO_ROWS", "Daftar tidak berisi baris peserta di bawah judul kolom.")
    number = pl.col(NIK_NUMBER) if NIK_NUMBER in table.frame.columns else pl.lit(None, pl.Float64)
    # A 16-digit number a float cannot hold, or one Excel cut to 15 digits (it ends in 0): not the typed NIK.
    lossy = (number >= 2.0**53) | ((number >= 1e15) & (number < 1e16) & (number % 10 == 0))
    amount_name = _column(table.columns, table.mapping, "amount")
    raw_amount = pl.col(amount_name).str.strip_chars() if amount_name else pl.lit(None, pl.String)
    raw_paid = pl.col(str(names["paid_until"])).str.strip_chars()
    frame = table.frame.select(
        pl.col(ROW).alias("row"),
        pl.col(str(names["nik"])).str.replace_all(r"[\s.'`]", "").alias("nik"),
        pl.col(str(names["kpj"])).str.replace_all(r"[\s.\-]", "").alias("kpj"),
        pl.col(str(names["status"])).alias("raw_status"),
        pl.when(raw_paid != "").then(raw_paid).alias("raw_paid"),
        pl.when(raw_amount != "").then(raw_amount).alias("raw_amount"),
        lossy.fill_null(False).alias("nik_lossy"),
    )
    status_key = pl.col("raw_status").str.to_lowercase().str.replace_all(r"[^a-z0-9]", "")
    frame = frame.with_columns(
        pl.when(pl.col("kpj") != "").then(pl.col("kpj")).alias("kpj"),
        _per_distinct(frame, "raw_status", status_key.replace_strict(_ACTIVE_WORDS, default=None), pl.Boolean()).alias(
            "active"
        ),
        _per_distinct(frame, "raw_paid", paid_until_expr(pl.col("raw_paid"), reference), pl.Date()).alias("paid_until"),
        _per_distinct(frame, "raw_amount", amount_expr(pl.col("raw_amount")), pl.Int64()).alias("amount"),
    )
    bad = _problems(frame, reference)
    if bad.height:
        problems = [(row, code, RULES[code]) for row, code in bad.iter_rows()]
        raise ListRefused(
            "FILE.BAD_ROWS",
            f"Daftar ditolak: {bad.get_column('row').n_unique():,} baris bermasalah; tidak ada yang disimpan. "
            "Perbaiki baris yang disebut lalu unggah lagi.".replace(",", "."),
            problems,
        )
    return ActiveList(frame=frame.select(list(SCHEMA)).cast(SCHEMA), rows=frame.height)  # type: ignore[arg-type]
