"""Normalising the raw text of each column, as Polars expressions over the whole frame.

Each field keeps its raw text as ``raw_<field>`` (for messages and the failure report) next to the
normalised value; parse failures stay visible as null values with a non-blank raw text, and the schema
turns them into coded rejections.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import polars as pl

from jaring.rules.money_text import income_expr as income_expr
from jaring.rules.nik import check_nik_frame

from .headers import FIELD_NAMES
from .reader import NIK_NUMBER, ROW, RawTable

NIK_PRECISION = "NIK.PRECISION"
# Above 2**53 a float no longer holds every integer: the digits read back are not the ones typed.
_EXACT_FLOAT_LIMIT = 2.0**53
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 from March 1900 on (Excel's 1900 leap-year bug)
_MAX_SERIAL = 2_958_465  # 9999-12-31
# Only runs of whitespace and non-space whitespace: replacing every single space would copy every string.
_SPACES = r"\s{2,}|[^\S ]"
_MONTHS = {
    "jan": 1,
    "feb": 2,
    "peb": 2,
    "mar": 3,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "aug": 8,
    "sep": 9,
    "okt": 10,
    "oct": 10,
    "nov": 11,
    "nop": 11,
    "des": 12,
    "dec": 12,
}
_SEX = {
    "l": "M",
    "lk": "M",
    "laki": "M",
    "lakilaki": "M",
    "pria": "M",
    "m": "M",
    "male": "M",
    "p": "F",
    "pr": "F",
    "perempuan": "F",
    "wanita": "F",
    "w": "F",
    "f": "F",
    "female": "F",
}


def raw(field: str) -> pl.Expr:
    return pl.col(f"raw_{field}")


def clean_text(expr: pl.Expr) -> pl.Expr:
    """Trimmed, inner whitespace collapsed, blank as null."""
    text = expr.str.replace_all(_SPACES, " ").str.strip_chars()
    return pl.when(text != "").then(text)


def name_expr(expr: pl.Expr) -> pl.Expr:
    # Curly quotes and backticks come from Word and phones; the name rule accepts only the straight apostrophe.
    return clean_text(expr).str.replace_all("[’‘`´]", "'").str.to_titlecase()


def sex_expr(expr: pl.Expr) -> pl.Expr:
    key = expr.str.to_lowercase().str.replace_all("[^a-z]", "")
    return key.replace_strict(_SEX, default=None, return_dtype=pl.String)


def _two_digit_year(year: pl.Expr, reference_date: date) -> pl.Expr:
    # "17/08/90": the latest century that does not put the year after the reference year, as the NIK rules do.
    y = year.cast(pl.Int32, strict=False)
    full = pl.when(2000 + y <= reference_date.year).then(2000 + y).otherwise(1900 + y)
    return pl.when(year.str.len_chars() == 2).then(full).otherwise(y)


def date_expr(expr: pl.Expr, reference_date: date) -> pl.Expr:
    """Day-first dates (Indonesia), ISO dates, Excel date cells and Excel serial numbers; null if unreadable."""
    s = expr.str.strip_chars().str.to_lowercase()
    time = r"(?:[ t]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?)?"
    iso = s.str.extract_groups(rf"^(?<y>\d{{4}})[-/.](?<m>\d{{1,2}})[-/.](?<d>\d{{1,2}}){time}$")
    dmy = s.str.extract_groups(rf"^(?<d>\d{{1,2}})[-/.](?<m>\d{{1,2}})[-/.](?<y>\d{{4}}|\d{{2}}){time}$")
    named = s.str.extract_groups(r"^(?<d>\d{1,2})[ \-/.]*(?<m>[a-z]+)[ \-/.,]*(?<y>\d{4}|\d{2})$")
    month_name = named.struct.field("m").str.slice(0, 3).replace_strict(_MONTHS, default=None, return_dtype=pl.Int32)
    year = pl.coalesce(iso.struct.field("y"), dmy.struct.field("y"), named.struct.field("y"))
    month = pl.coalesce(
        iso.struct.field("m").cast(pl.Int32), dmy.struct.field("m").cast(pl.Int32), month_name.cast(pl.Int32)
    )
    day = pl.coalesce(iso.struct.field("d"), dmy.struct.field("d"), named.struct.field("d")).cast(pl.Int32)
    text = pl.format(
        "{}-{}-{}",
        _two_digit_year(year, reference_date).cast(pl.String).str.pad_start(4, "0"),
        month.cast(pl.String).str.pad_start(2, "0"),
        day.cast(pl.String).str.pad_start(2, "0"),
    )
    written = text.str.to_date("%Y-%m-%d", strict=False)
    serial = s.str.extract(r"^(\d{1,7})(?:\.\d+)?$").cast(pl.Int64, strict=False)
    from_serial = pl.when((serial >= 1) & (serial <= _MAX_SERIAL)).then(pl.lit(_EXCEL_EPOCH) + pl.duration(days=serial))
    parsed = pl.coalesce(written, from_serial)
    return pl.when(parsed >= date(1900, 1, 1)).then(parsed)


def phone_expr(expr: pl.Expr) -> pl.Expr:
    """Digits from 08… or 62…; a number that lost its leading 0 in a numeric cell ("812…") gets it back."""
    digits = expr.str.replace(r"\.0$", "").str.replace_all("[^0-9]", "")
    fixed = pl.when(digits.str.starts_with("8")).then(pl.lit("0") + digits).otherwise(digits)
    ok = fixed.str.contains(r"^(?:0|62)[1-9][0-9]{7,12}$")
    return pl.when(ok).then(fixed)


def village_code_expr(expr: pl.Expr) -> pl.Expr:
    """'3328012001', '33 28 01 2001' -> '33.28.01.2001'; anything else is kept (and later found unknown)."""
    text = clean_text(expr)
    digits = text.str.replace_all("[^0-9]", "")
    dottable = text.str.contains(r"^[0-9 .\-]+$") & (digits.str.len_chars() == 10)
    dotted = pl.format(
        "{}.{}.{}.{}", digits.str.slice(0, 2), digits.str.slice(2, 2), digits.str.slice(4, 2), digits.str.slice(6, 4)
    )
    return pl.when(dottable).then(dotted).otherwise(text)


def decile_expr(expr: pl.Expr) -> pl.Expr:
    value = expr.str.extract(r"^\D*(\d{1,2})(?:\.0+)?\D*$").cast(pl.Int64, strict=False)
    return pl.when((value >= 1) & (value <= 10)).then(value)


def _nik_precision(has_number: bool) -> pl.Expr:
    """Numbers that cannot be trusted as a NIK's digits: scientific notation, and (for numeric cells) values a
    float cannot hold exactly or that end in 0 where Excel rounds a typed 16-digit number to 15 digits."""
    text = raw("nik").str.strip_chars()
    flags = text.str.contains(r"^[0-9]+(?:[.,][0-9]+)?[eE][+]?[0-9]+$").fill_null(False)
    if not has_number:
        return flags
    x = pl.col(NIK_NUMBER)
    whole = (x >= 0) & (x == x.floor())
    lossy = whole & ((x >= _EXACT_FLOAT_LIMIT) | ((x >= 1e15) & (x < 1e16) & (x % 10 == 0)))
    return flags | lossy.fill_null(False)


def _nik_not_integer() -> pl.Expr:
    x = pl.col(NIK_NUMBER)
    return (x.is_not_null() & ~(x.is_finite() & (x >= 0) & (x == x.floor()))).fill_null(False)


def _per_distinct(
    frame: pl.DataFrame, field: str, convert: Callable[[pl.Expr], pl.Expr], dtype: pl.DataType
) -> pl.Expr:
    """``convert`` applied once per distinct value. Villages, dates, occupations and round incomes repeat
    across a file, and the regexes are the dear part; a column of mostly distinct values is converted whole."""
    column = f"raw_{field}"
    distinct = frame.get_column(column).drop_nulls().unique()
    if distinct.len() * 2 > frame.height:
        return convert(pl.col(column)).cast(dtype)
    mapped = distinct.to_frame().select(convert(pl.col(column)).cast(dtype)).to_series()
    return pl.col(column).replace_strict(distinct, mapped, default=None, return_dtype=dtype)


def normalise(raw_table: RawTable, *, reference_date: date) -> pl.DataFrame:
    """The canonical fields of every data row, normalised, with the NIK checked (``check_nik_frame``)."""
    frame = raw_table.frame
    names = raw_table.columns
    has_number = NIK_NUMBER in frame.columns
    selected = [pl.col(ROW)]
    for field in FIELD_NAMES:
        index = raw_table.mapping.fields.get(field)
        source = pl.col(names[index]) if index is not None else pl.lit(None, dtype=pl.String)
        selected.append(source.alias(f"raw_{field}"))
    if has_number:
        selected.append(pl.col(NIK_NUMBER))
    out = frame.select(selected)
    out = check_nik_frame(out, "raw_nik", reference_date=reference_date)
    pre_error = (
        pl.when(_nik_not_integer() if has_number else pl.lit(False))
        .then(pl.lit("NIK.CHARS"))
        .when(_nik_precision(has_number))
        .then(pl.lit(NIK_PRECISION))
    )
    out = out.with_columns(pre_error.alias("__nik_pre"))
    nik_error = pl.coalesce(pl.col("__nik_pre"), pl.col("nik_error"))

    def repeated(field: str, convert: Callable[[pl.Expr], pl.Expr], dtype: pl.DataType | None = None) -> pl.Expr:
        return _per_distinct(out, field, convert, dtype or pl.String()).alias(field)

    return out.select(
        pl.col(ROW),
        pl.col("^raw_.*$"),
        pl.when(nik_error.is_null()).then(pl.col("nik_normalized")).alias("nik"),
        nik_error.alias("nik_error"),
        pl.col("nik_warning"),
        pl.col("nik_sex"),
        pl.col("nik_birth_date"),
        raw("nik").str.replace_all(r"[^0-9]", "").alias("nik_digits"),
        name_expr(raw("name")).alias("name"),
        repeated("sex", sex_expr),
        repeated("birth_place", name_expr),
        repeated("birth_date", lambda e: date_expr(e, reference_date), pl.Date()),
        clean_text(raw("address")).alias("address"),
        repeated("village_name", clean_text),
        repeated("district_name", clean_text),
        repeated("village_code", village_code_expr),
        repeated("occupation", clean_text),
        repeated("income", income_expr, pl.Int64()),
        phone_expr(raw("phone")).alias("phone"),
        repeated("decile", decile_expr, pl.Int64()),
        repeated("source", clean_text),
    )
