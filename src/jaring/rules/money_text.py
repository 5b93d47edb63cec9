"""Rupiah as people type them (``Rp 1.000.000``, ``1.000.000``, ``1000000``, ``Rp1.000.000,00``,
``1,5 juta``): one reading for the importer's columns and the calculator's fields.

The importer reads a whole column at once (``income_expr``); the CLI, the API and the page read one
field (``parse_rupiah``) through the same expression, so a figure the importer accepts is accepted
everywhere and means the same rupiah.
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl


def income_expr(expr: pl.Expr) -> pl.Expr:
    """Whole rupiah (Int64, sign kept), rounded half up; null if unreadable. Never through a float."""
    s = (
        expr.str.to_lowercase()
        .str.replace_all(r"[\s\u00a0]|rp\.?|idr", "")
        .str.replace(r"[.,]-$", "")
        .str.replace(r"^\((.*)\)$", "-$1")
    )
    parts = s.str.extract_groups(r"^(?<sign>-?)(?<num>[0-9][0-9.,]*)(?<unit>juta|jt|ribu|rb|k)?$")
    num, unit = parts.struct.field("num"), parts.struct.field("unit")
    dot_thousands = num.str.extract_groups(r"^(?<i>\d{1,3}(?:\.\d{3})+)(?:,(?<f>\d*))?$")
    comma_thousands = num.str.extract_groups(r"^(?<i>\d{1,3}(?:,\d{3})+)(?:\.(?<f>\d*))?$")
    plain = num.str.extract_groups(r"^(?<i>\d+)(?:[.,](?<f>\d*))?$")
    whole = pl.coalesce(
        dot_thousands.struct.field("i"), comma_thousands.struct.field("i"), plain.struct.field("i")
    ).str.replace_all("[.,]", "")
    has_whole = dot_thousands.struct.field("i").is_not_null() | comma_thousands.struct.field("i").is_not_null()
    fraction = (
        pl.when(has_whole)
        .then(pl.coalesce(dot_thousands.struct.field("f"), comma_thousands.struct.field("f")))
        .otherwise(plain.struct.field("f"))
        .fill_null("")
    )
    millions, thousands = unit.is_in(["juta", "jt"]), unit.is_in(["ribu", "rb", "k"])
    exponent = pl.when(millions).then(6).when(thousands).then(3).otherwise(0)
    scale = pl.when(millions).then(1_000_000).when(thousands).then(1_000).otherwise(1).cast(pl.Int64)
    padded = fraction.str.pad_end(8, "0")
    value = (
        whole.cast(pl.Int64, strict=False) * scale
        + padded.str.slice(0, exponent).cast(pl.Int64, strict=False).fill_null(0)
        + (padded.str.slice(exponent, 1) >= "5").cast(pl.Int64)
    )
    return pl.when(parts.struct.field("sign") == "-").then(-value).otherwise(value)


def parse_rupiah(text: str) -> Decimal | None:
    """Whole rupiah from one typed amount, or None when the importer would not read it either."""
    value = pl.select(income_expr(pl.lit(text, dtype=pl.String))).item()
    return None if value is None else Decimal(value)
