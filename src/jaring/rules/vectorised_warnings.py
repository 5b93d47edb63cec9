"""The warnings of the billing form: what the scalar calculator would say about each row, for a frame.

A PU or BPU row's warnings depend on a few of its inputs only (the iuran month, the programmes, the
risk class, padat karya, the sector and the funder's kind, whether an unused input was given, and
for a BPU the band case of the income: inside a confirmed band, below the minimum, between bands),
never on the exact wage. So the frame is reduced to its distinct warning keys (a few thousand at
most: months × programmes × flags), the scalar calculator runs once per key on a row that has it,
and its warnings are joined back to every row: the words are the scalar form's own, the work stays
set-based. Jakon and PMI rows run the scalar form row by row, as their lines do.

Output: one row per (row, warning): ``row_id``, ``code``, ``message_id``, ``message_en``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from jaring.rules.config import DEFAULT_CONFIG, RuleConfig
from jaring.rules.contribution import calculate_contribution
from jaring.rules.contribution_bpu import PP50_EXCLUDED_FUNDERS
from jaring.rules.rates import BOOK
from jaring.rules.rates.bpu import BAND_PREFIX, MINIMUM_BASIS
from jaring.rules.table import EPOCH
from jaring.rules.vectorised import VECTOR_ROWS, _normalise, _validate, _with_non_asn_class, record_input

WARNINGS_SCHEMA = {"row_id": pl.Int64, "code": pl.String, "message_id": pl.String, "message_en": pl.String}
_KEYS = (
    "segment",
    "month",
    "k_risk",
    "k_programs",
    "padat_karya",
    "k_sector",
    "k_funder",
    "k_income",
    "ad_hoc_election",
    "non_asn",
)


def contribution_warnings(frame: pl.DataFrame, config: RuleConfig = DEFAULT_CONFIG) -> pl.DataFrame:
    """The scalar form's warnings for every row of ``frame`` (the columns of ``contribution_lines``)."""
    frame = _normalise(frame)
    vector = frame.filter(VECTOR_ROWS)
    other = frame.filter(~VECTOR_ROWS)
    parts = []
    if vector.height:
        _validate(_with_non_asn_class(vector, config), config)
        parts.append(_by_key(vector, config))
    if other.height:
        parts.append(_rows(other.to_dicts(), config))
    if not parts:
        return pl.DataFrame(schema=WARNINGS_SCHEMA)
    return pl.concat(parts).sort("row_id", maintain_order=True)


def _band_case(income: pl.Expr, on: date) -> pl.Expr:
    inside = pl.lit(False)
    for band in BOOK.prefix(BAND_PREFIX, on):
        assert band.lower is not None
        within = income >= int(band.lower)
        if band.upper is not None:
            within = within & (income < int(band.upper))
        inside = inside | within
    return (
        pl.when(inside).then(pl.lit("band")).when(income < MINIMUM_BASIS).then(pl.lit("below")).otherwise(pl.lit("gap"))
    )


def _keyed(frame: pl.DataFrame) -> pl.DataFrame:
    pu = pl.col("segment") == "pu"
    latest = frame.get_column("month").max()
    on = latest if isinstance(latest, date) else EPOCH  # as contribution_lines reads the band rows
    funder_kind = (
        pl.when(pl.col("funder").is_in(sorted(PP50_EXCLUDED_FUNDERS)))
        .then(pl.lit("excluded"))
        .when(pl.col("funder") == "apbdes")
        .then(pl.lit("apbdes"))
        .when(pl.col("funder") == "self")
        .then(pl.lit("self"))
        .otherwise(pl.lit("other"))
    )
    return frame.with_columns(
        pl.when(pu)
        .then(pl.col("risk_class"))
        .otherwise(pl.col("risk_class").is_not_null().cast(pl.String))
        .alias("k_risk"),
        pl.col("programs").list.sort().list.join(",").alias("k_programs"),
        pl.when(pu).then((pl.col("sector") != "other").cast(pl.String)).otherwise(pl.col("sector")).alias("k_sector"),
        pl.when(pu).then((pl.col("funder") != "self").cast(pl.String)).otherwise(funder_kind).alias("k_funder"),
        pl.when(pu)
        .then(pl.col("income").is_not_null().cast(pl.String))
        .otherwise(_band_case(pl.coalesce("income", "wage"), on))
        .alias("k_income"),
    ).with_columns(pl.col(name).cast(pl.String).fill_null("") for name in ("k_risk", "k_sector", "k_funder"))


def _by_key(frame: pl.DataFrame, config: RuleConfig) -> pl.DataFrame:
    keyed = _keyed(frame)
    representatives = keyed.unique(subset=list(_KEYS), keep="first", maintain_order=True)
    said = _rows(representatives.to_dicts(), config, keys=True)
    if said.is_empty():
        return pl.DataFrame(schema=WARNINGS_SCHEMA)
    return (
        keyed.select("row_id", *_KEYS)
        .join(said.drop("row_id"), on=list(_KEYS), how="inner")
        .select(list(WARNINGS_SCHEMA))
    )


def _rows(records: list[dict[str, Any]], config: RuleConfig, *, keys: bool = False) -> pl.DataFrame:
    rows: list[dict[str, Any]] = []
    for record in records:
        result = calculate_contribution(record_input(record, padat_karya=True), config)
        key = {name: record[name] for name in _KEYS} if keys else {}
        rows.extend(
            {"row_id": record["row_id"], "code": w.code, "message_id": w.message_id, "message_en": w.message_en, **key}
            for w in result.warnings
        )
    if not rows:
        return pl.DataFrame(schema=WARNINGS_SCHEMA)
    schema: dict[str, Any] = dict(WARNINGS_SCHEMA)
    if keys:
        schema |= dict.fromkeys(_KEYS, pl.String) | {
            "month": pl.Date,
            "padat_karya": pl.Boolean,
            "ad_hoc_election": pl.Boolean,
            "non_asn": pl.Boolean,
        }
    return pl.DataFrame(rows, schema=schema)
