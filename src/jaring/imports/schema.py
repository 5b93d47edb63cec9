"""The worker frame schema: named rules with stable codes and Indonesian messages, as Polars expressions.

Modelled on dataframely: ``validate`` splits the normalised frame into valid rows and rejected rows; a
rejected row carries the code of its first failing rule (``__rule``) and the message with the offending
value (``__reason``). Warnings never reject; each kept row lists their codes in ``warnings``.
Village resolution against the region table follows in ``resolve_villages``, with the same codes style.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

import polars as pl

from jaring.rules import nik as nik_rules

from .normalise import NIK_PRECISION, raw

RULE, REASON, WARNINGS = "__rule", "__reason", "warnings"
_MISSING, _MISSING_MESSAGE = "VILLAGE.MISSING", "Desa/kelurahan kosong: isi Kode Desa atau nama Desa/Kelurahan."
Severity = Literal["error", "warning"]
# The registry's column lengths: a longer value made PostgreSQL refuse the whole import with a 500 (issue 8,
# finding 5), while SQLite stored it.
TEXT_TOO_LONG = "TEXT.TOO_LONG"
TEXT_LIMITS = {"name": 150, "birth_place": 80, "address": 255, "occupation": 120, "source": 120}


@dataclass(frozen=True, slots=True)
class Rule:
    """``fails`` is true on a row that breaks the rule; ``message`` may name ``{value}`` and the other
    parameters of ``_params``."""

    code: str
    severity: Severity
    message: str
    fails: pl.Expr


def _nik_rule(code: str, message: str | None = None) -> Rule:
    text = message or nik_rules.MESSAGES[code]
    if code != nik_rules.EMPTY:
        text += ' Tertulis: "{value}".'
    return Rule(code, "error", text, pl.col("nik_error") == code)


def _nik_date_differs() -> pl.Expr:
    # Day, month and two-digit year only: the NIK's century is a guess, the written date is not.
    a, b = pl.col("birth_date"), pl.col("nik_birth_date")
    return (a.dt.day() != b.dt.day()) | (a.dt.month() != b.dt.month()) | (a.dt.year() % 100 != b.dt.year() % 100)


def _blank(field: str) -> pl.Expr:
    return raw(field).str.strip_chars().fill_null("") == ""


def worker_rules(reference_date: date) -> tuple[Rule, ...]:
    """Every rule, in precedence order: the first failing error rule is the one reported."""
    return (
        _nik_rule(nik_rules.EMPTY),
        _nik_rule(nik_rules.CHARS),
        _nik_rule(
            NIK_PRECISION,
            "NIK tersimpan sebagai angka, sehingga digit terakhirnya bisa sudah dibulatkan Excel. Format kolom NIK "
            "sebagai Teks, ketik ulang NIK sesuai KTP, lalu unggah lagi.",
        ),
        _nik_rule(nik_rules.LENGTH),
        _nik_rule(nik_rules.PROVINCE),
        _nik_rule(nik_rules.REGENCY_ZERO),
        _nik_rule(nik_rules.DISTRICT_ZERO),
        _nik_rule(nik_rules.BIRTH_DATE),
        _nik_rule(nik_rules.SERIAL),
        Rule("NAME.EMPTY", "error", "Nama kosong.", pl.col("name").is_null()),
        Rule(
            "NAME.CHARS",
            "error",
            'Nama hanya boleh berisi huruf, spasi dan tanda . , \' - (tertulis "{value}").',
            ~pl.col("name").str.contains(r"^[\p{L}\p{M} .,'\-]+$"),
        ),
        Rule(
            "SEX.UNKNOWN",
            "error",
            'Jenis kelamin "{value}" tidak dikenali: tulis L (laki-laki) atau P (perempuan).',
            pl.col("sex").is_null() & ~_blank("sex"),
        ),
        Rule(
            "BIRTH_DATE.INVALID",
            "error",
            'Tanggal lahir "{value}" tidak dapat dibaca: tulis tanggal dulu, mis. 17/08/1990.',
            pl.col("birth_date").is_null() & ~_blank("birth_date"),
        ),
        Rule(
            "BIRTH_DATE.FUTURE",
            "error",
            "Tanggal lahir {date} ada di masa depan.",
            pl.col("birth_date") > reference_date,
        ),
        Rule(
            "INCOME.INVALID",
            "error",
            'Penghasilan "{value}" tidak dapat dibaca: tulis rupiah per bulan, mis. 1500000 atau Rp 1.500.000.',
            pl.col("income").is_null() & ~_blank("income"),
        ),
        Rule(
            "INCOME.NEGATIVE",
            "error",
            'Penghasilan tidak boleh negatif (tertulis "{value}").',
            pl.col("income") < 0,
        ),
        Rule(
            TEXT_TOO_LONG,
            "error",
            "Isian terlalu panjang untuk disimpan: nama paling banyak 150 karakter, tempat lahir 80, alamat 255, "
            "pekerjaan 120, sumber data 120. Persingkat isiannya.",
            pl.any_horizontal([pl.col(c).str.len_chars() > n for c, n in TEXT_LIMITS.items()]),
        ),
        Rule(
            _MISSING,
            "error",
            _MISSING_MESSAGE,
            pl.col("village_code").is_null() & pl.col("village_name").is_null(),
        ),
        Rule(
            "BIRTH_DATE.NIK_MISMATCH",
            "warning",
            "Tanggal lahir {date} berbeda dengan tanggal lahir di NIK ({nik_date}); data tetap diterima.",
            _nik_date_differs(),
        ),
        Rule(
            "SEX.NIK_MISMATCH",
            "warning",
            "Jenis kelamin berbeda dengan yang tersirat di NIK; data tetap diterima.",
            pl.col("sex") != pl.col("nik_sex"),
        ),
        Rule(
            nik_rules.REGENCY_UNKNOWN,
            "warning",
            nik_rules.MESSAGES[nik_rules.REGENCY_UNKNOWN],
            pl.col("nik_warning") == nik_rules.REGENCY_UNKNOWN,
        ),
        Rule(
            nik_rules.DISTRICT_UNKNOWN,
            "warning",
            nik_rules.MESSAGES[nik_rules.DISTRICT_UNKNOWN],
            pl.col("nik_warning") == nik_rules.DISTRICT_UNKNOWN,
        ),
        Rule(
            "PHONE.INVALID",
            "warning",
            'No. HP "{value}" tidak dikenali (harus diawali 08 atau 62) dan dikosongkan.',
            pl.col("phone").is_null() & ~_blank("phone"),
        ),
        Rule(
            "DECILE.INVALID",
            "warning",
            'Desil "{value}" bukan angka 1 sampai 10 dan dikosongkan.',
            pl.col("decile").is_null() & ~_blank("decile"),
        ),
    )


# The field whose raw text is {value} in a rule's message.
_VALUE_FIELD = {
    "NIK": "nik",
    "NAME": "name",
    "SEX": "sex",
    "BIRTH_DATE": "birth_date",
    "INCOME": "income",
    "PHONE": "phone",
    "DECILE": "decile",
}


def _params(code: str) -> dict[str, pl.Expr]:
    digits = pl.col("nik_digits")
    return {
        "value": raw(_VALUE_FIELD.get(code.split(".")[0], "nik")).str.strip_chars(),
        "n": digits.str.len_chars().cast(pl.String),
        "code": digits.str.slice(0, 2),
        "ddmmyy": digits.str.slice(6, 6),
        "date": pl.col("birth_date").dt.strftime("%d/%m/%Y"),
        "nik_date": pl.col("nik_birth_date").dt.strftime("%d/%m/%Y"),
    }


def render(template: str, params: Mapping[str, pl.Expr]) -> pl.Expr:
    """A message template as a string expression: "{name}" placeholders become the given expressions."""
    pieces: list[pl.Expr] = []
    for i, part in enumerate(re.split(r"\{(\w+)\}", template)):
        if i % 2:
            pieces.append(params[part].cast(pl.String).fill_null(""))
        elif part:
            pieces.append(pl.lit(part))
    return pl.concat_str(pieces) if pieces else pl.lit("")


@dataclass(frozen=True, slots=True)
class ValidationResult:
    valid: pl.DataFrame
    rejected: pl.DataFrame
    errors_by_rule: dict[str, int]

    @property
    def warnings(self) -> int:
        """Accepted rows with at least one warning."""
        return self.valid.filter(pl.col(WARNINGS).list.len() > 0).height


def count_by_rule(rejected: pl.DataFrame) -> dict[str, int]:
    counts = rejected.group_by(RULE).len().sort(RULE)
    return dict(zip(counts[RULE].to_list(), counts["len"].to_list(), strict=True))


_DIAGNOSTICS = ("nik_error", "nik_warning", "nik_digits")


def validate(df: pl.DataFrame, *, reference_date: date) -> ValidationResult:
    """Split a ``normalise`` frame into valid rows (with ``warnings``) and rejected rows (``__rule``,
    ``__reason``)."""
    rules = worker_rules(reference_date)
    errors = [r for r in rules if r.severity == "error"]
    warnings = [r for r in rules if r.severity == "warning"]
    first = pl.coalesce([pl.when(r.fails.fill_null(False)).then(pl.lit(r.code)) for r in errors])
    flagged = pl.concat_list([pl.when(r.fails.fill_null(False)).then(pl.lit(r.code)) for r in warnings])
    checked = df.with_columns(first.alias(RULE), flagged.list.drop_nulls().alias(WARNINGS))
    ok = checked.get_column(RULE).is_null()
    # Raw text and NIK diagnostics only explain rejections; valid rows are copied without them.
    spent = [c for c in checked.columns if c.startswith("raw_") or c in _DIAGNOSTICS]
    valid = checked.drop(*spent, RULE).filter(ok)
    rejected = checked.filter(~ok)
    # Messages are formatted for the rejected rows only: the valid ones would pay for a string per rule.
    reason = pl.coalesce([pl.when(pl.col(RULE) == r.code).then(render(r.message, _params(r.code))) for r in errors])
    rejected = rejected.with_columns(reason.alias(REASON))
    return ValidationResult(valid, rejected, count_by_rule(rejected))


# --- Village resolution -------------------------------------------------------------------------------------

VILLAGE_UNKNOWN, VILLAGE_OUT_OF_SCOPE = "VILLAGE.UNKNOWN", "VILLAGE.OUT_OF_SCOPE"
VILLAGE_AMBIGUOUS, VILLAGE_NAME_MISMATCH = "VILLAGE.AMBIGUOUS", "VILLAGE.NAME_MISMATCH"
VILLAGE_MESSAGES: dict[str, str] = {
    VILLAGE_UNKNOWN: 'Desa/kelurahan "{value}" tidak ditemukan di wilayah Anda.',
    VILLAGE_OUT_OF_SCOPE: 'Kode desa "{value}" berada di luar wilayah Anda ({scope}).',
    VILLAGE_AMBIGUOUS: 'Desa/kelurahan "{value}" ada di lebih dari satu kecamatan: isi kolom Kecamatan atau Kode Desa.',
    VILLAGE_NAME_MISMATCH: 'Nama desa "{value}" tidak sama dengan nama desa untuk kode {code}; kode yang dipakai.',
}


def region_name_expr(expr: pl.Expr) -> pl.Expr:
    """``jaring.regions.naming.normalize_region_name`` as a Polars expression (a test keeps them equal)."""
    s = expr.str.to_lowercase().str.replace_all(".", " ", literal=True).str.replace_all(r"[^a-z0-9' ]+", " ")
    s = s.str.replace_all(r"\s+", " ").str.strip_chars()
    s = s.str.replace(r"^(kabupaten|kab)\s+(administrasi\s+|adm\s+)?", "kabupaten ")
    s = s.str.replace(r"^(kota)\s+(administrasi\s+|adm\s+)?", "kota ")
    return s.str.replace(r"^(provinsi|prov|kecamatan|kec|distrik|kelurahan|kel|desa|ds|dusun)\s+", "")


def _resolve_keys(keys: pl.DataFrame, regions: pl.DataFrame, scope_code: str) -> pl.DataFrame:
    prefix = f"{scope_code}." if scope_code else ""
    scoped = pl.col("code").str.starts_with(prefix) | (pl.col("code") == scope_code)
    villages = regions.filter((pl.col("level") == 4) & scoped).select("code", "parent_code", "match_name")
    districts = regions.filter(pl.col("level") == 3).select(
        pl.col("code").alias("parent_code"), pl.col("match_name").alias("district_key")
    )
    keyed = keys.with_columns(
        region_name_expr(pl.col("village_name")).alias("__vkey"),
        region_name_expr(pl.col("district_name")).fill_null("").alias("__dkey"),
    )
    matches = (
        keyed.filter(pl.col("__vkey").is_not_null())
        .select("__vkey", "__dkey")
        .unique()
        .join(villages, left_on="__vkey", right_on="match_name", how="inner")
        .join(districts, on="parent_code", how="left")
        .filter((pl.col("__dkey") == "") | (pl.col("district_key") == pl.col("__dkey")))
        .group_by("__vkey", "__dkey")
        .agg(pl.len().alias("__matches"), pl.col("code").first().alias("__by_name"))
    )
    keyed = keyed.join(matches, on=["__vkey", "__dkey"], how="left").join(
        villages.select(pl.col("code").alias("__known"), pl.col("match_name").alias("__code_name")),
        left_on="village_code",
        right_on="__known",
        how="left",
        coalesce=False,
    )
    code = pl.col("village_code")
    in_scope = code.str.starts_with(prefix) | (code == scope_code)
    by_code = code.is_not_null()
    matches_n = pl.col("__matches").fill_null(0)
    rule = (
        pl.when(by_code & ~in_scope)
        .then(pl.lit(VILLAGE_OUT_OF_SCOPE))
        .when(by_code & pl.col("__known").is_null())
        .then(pl.lit(VILLAGE_UNKNOWN))
        .when(by_code)
        .then(None)
        .when(pl.col("__vkey").is_null())
        .then(pl.lit(_MISSING))
        .when(matches_n == 0)
        .then(pl.lit(VILLAGE_UNKNOWN))
        .when(matches_n > 1)
        .then(pl.lit(VILLAGE_AMBIGUOUS))
    )
    resolved = pl.when(rule.is_null()).then(pl.when(by_code).then(pl.col("__known")).otherwise(pl.col("__by_name")))
    name_text = pl.concat_str(
        pl.col("village_name"),
        pl.when(pl.col("district_name").is_not_null()).then(pl.lit(", Kec. ") + pl.col("district_name")),
        ignore_nulls=True,
    )
    params = {"value": pl.when(by_code).then(code).otherwise(name_text), "scope": pl.lit(scope_code), "code": code}
    messages = {**VILLAGE_MESSAGES, _MISSING: _MISSING_MESSAGE}
    reason = pl.coalesce([pl.when(pl.col(RULE) == c).then(render(m, params)) for c, m in messages.items()])
    mismatch = by_code & pl.col("__vkey").is_not_null() & (pl.col("__vkey") != pl.col("__code_name"))
    out = keyed.with_columns(rule.alias(RULE), resolved.alias("village_resolved"), mismatch.alias("__mismatch"))
    return out.with_columns(reason.alias(REASON)).select(
        "village_code", "village_name", "district_name", RULE, REASON, "village_resolved", "__mismatch"
    )


def resolve_villages(df: pl.DataFrame, regions: pl.DataFrame, scope_code: str) -> pl.DataFrame:
    """Adds ``village_resolved`` (dotted code) and, for rows that cannot be resolved inside ``scope_code``,
    ``__rule``/``__reason`` (VILLAGE.UNKNOWN, VILLAGE.OUT_OF_SCOPE, VILLAGE.AMBIGUOUS); with a ``warnings``
    column, a code whose village is not the one named adds VILLAGE.NAME_MISMATCH (the code wins).

    ``regions`` has columns code, level (3 district, 4 village), parent_code, match_name; ``scope_code`` ""
    means the whole country. A village name needs its district only when the name occurs in several
    districts of the scope.
    """
    on = ["village_code", "village_name", "district_name"]
    # Resolved once per distinct (code, village, district): a file names a few hundred villages at most.
    keys = _resolve_keys(df.select(on).unique(), regions, scope_code)
    # Only the key columns go through the join; the results are laid beside the frame without copying it.
    found = df.select(on).join(keys, on=on, how="left", nulls_equal=True, maintain_order="left")
    out = df.with_columns(found.get_column(RULE), found.get_column(REASON), found.get_column("village_resolved"))
    if WARNINGS in out.columns and keys.get_column("__mismatch").any():
        mismatch = found.get_column("__mismatch").fill_null(False)
        extra = pl.when(pl.lit(mismatch)).then(pl.lit([VILLAGE_NAME_MISMATCH])).otherwise(pl.lit([]))
        out = out.with_columns(pl.col(WARNINGS).list.concat(extra.cast(pl.List(pl.String))))
    return out


# A known NIK of a worker outside the importer's region (issue 8, finding 1). Decided against the registry by
# the import service, so it is no Polars rule; the message names nothing of the other record.
NIK_OUT_OF_SCOPE = "NIK.OUT_OF_SCOPE"
NIK_OUT_OF_SCOPE_MESSAGE = (
    "NIK ini sudah terdaftar untuk pekerja di luar wilayah Anda, jadi baris ini tidak disimpan. Bila pekerja "
    "memang pindah ke wilayah Anda, impor yang disimpan mengajukan permintaan pindah kepada operator wilayah "
    "asalnya; data berlaku setelah permintaan diterima (menu Permintaan pindah)."
)


def rule_table(reference_date: date) -> list[dict[str, str]]:
    """Every code with its severity and message template, for docs and the report's summary sheet."""
    rows = [{"code": r.code, "severity": r.severity, "message": r.message} for r in worker_rules(reference_date)]
    rows += [
        {"code": c, "severity": "warning" if c == VILLAGE_NAME_MISMATCH else "error", "message": m}
        for c, m in VILLAGE_MESSAGES.items()
    ]
    rows.append({"code": NIK_OUT_OF_SCOPE, "severity": "error", "message": NIK_OUT_OF_SCOPE_MESSAGE})
    return rows
