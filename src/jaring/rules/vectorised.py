"""The billing form: PU and BPU iuran lines for a whole Polars frame, with no per-row Python.

Input columns (missing optional columns take their defaults): ``segment`` (pu, bpu; jakon and pmi
rows fall back to the scalar calculator, row by row), ``month`` (Date, any day of the iuran month),
``wage`` (PU, whole rupiah), ``income`` (BPU), ``risk_class``, ``programs`` (``"jkk,jkm"`` or a list;
empty = the segment's defaults), ``padat_karya`` (bool), ``sector`` (transport/other), ``funder``,
optional ``row_id``; for the fallback also ``contract_value``, ``months``, ``wage_known``,
``pmi_pre_placement``. One iuran month per row.

Output: one row per line: ``row_id``, ``programme``, ``payer``, ``amount`` (Int64, whole rupiah),
``rule_code`` and ``modifier`` (the discount or relief code, if any). Amounts use exact integer
arithmetic: rates are held in units of 1e-7 percent, so ``basis × rate × factor%`` is an exact
integer over 10^11, rounded half-up exactly as the scalar form rounds each line.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import polars as pl

from jaring.rules.config import DEFAULT_CONFIG, RuleConfig
from jaring.rules.contribution import DEFAULTS, calculate_contribution
from jaring.rules.contribution_bpu import GOVERNMENT_FUNDERS, PP50_EXCLUDED_FUNDERS
from jaring.rules.errors import RuleInputError
from jaring.rules.inputs import FUNDERS, MAX_WAGE, SECTORS, ContributionInput
from jaring.rules.rates import BOOK
from jaring.rules.rates.bpu import BAND_PREFIX, MINIMUM_BASIS
from jaring.rules.rates.pu import JKP_FIRST_IURAN_MONTH, RISK_CLASSES
from jaring.rules.table import EPOCH

_VECTOR_CODES = (
    "PU.JKK.",
    "PU.JKM.",
    "PU.JHT.",
    "PU.JP.",
    "PU.JKP.",
    "BPU.JKK.",
    "BPU.JKM.",
    "BPU.JHT.",
    "JP.WAGE_CAP",
)
RATE_SCALE = 10_000_000  # a percentage × 1e7 is an integer for every PU and BPU rate
DENOMINATOR = 100 * RATE_SCALE * 100  # percent → fraction, rate scale, factor percent
LINES_SCHEMA = {
    "row_id": pl.Int64,
    "programme": pl.String,
    "payer": pl.String,
    "amount": pl.Int64,
    "rule_code": pl.String,
    "modifier": pl.String,
}

# (segment, programme, payer or None for the funder's, rate code, basis kind, relief, discount kind)
_SPECS: list[tuple[str, str, str | None, str, str, bool, str | None]] = [
    ("pu", "jkk", "employer", "PU.JKK", "wage", True, "padat_karya"),
    ("pu", "jkm", "employer", "PU.JKM.RATE", "wage", True, None),
    ("pu", "jht", "employer", "PU.JHT.EMPLOYER", "wage", False, None),
    ("pu", "jht", "worker", "PU.JHT.WORKER", "wage", False, None),
    ("pu", "jp", "employer", "PU.JP.EMPLOYER", "jp", False, None),
    ("pu", "jp", "worker", "PU.JP.WORKER", "jp", False, None),
    ("pu", "jkp", "government", "PU.JKP.GOVERNMENT", "jkp", False, None),
    ("bpu", "jkk", None, "BPU.JKK.RATE", "bpu", True, "pp50"),
    ("bpu", "jkm", None, "BPU.JKM.FLAT", "flat", True, "pp50"),
    ("bpu", "jht", None, "BPU.JHT.RATE", "bpu", False, None),
]


def _scaled(value: Decimal, unit: str) -> int:
    """A record value in integer units: percentages × 1e7; flat rupiah become the basis at 100%."""
    scaled = value * RATE_SCALE if unit == "%" else value
    if scaled != scaled.to_integral_value():
        raise ValueError(f"rate {value}{unit} is not exact at the vectorised scale")
    return int(scaled)


def rate_frame(codes: list[str]) -> pl.DataFrame:
    """Every version of the given codes (or code prefixes) as (code, effective_from, effective_to, value)."""
    rows = [
        (r.code, r.effective_from, r.effective_to, _scaled(r.value, r.unit))
        for r in BOOK.records()
        if any(r.code == c or r.code.startswith(c + ".") for c in codes)
    ]
    return pl.DataFrame(
        rows, schema={"code": pl.String, "from": pl.Date, "to": pl.Date, "value": pl.Int64}, orient="row"
    ).sort("from")


def rate_lookup(months: list[date]) -> pl.DataFrame:
    """(code, month, value) for every PU/BPU rate code and cap in force in each of ``months``."""
    codes = sorted({r.code for r in BOOK.records() if r.code.startswith(_VECTOR_CODES)})
    rows = []
    for month in months:
        for code in codes:
            record = BOOK.find(code, month)
            if record is not None:
                rows.append((code, month, _scaled(record.value, record.unit)))
    return pl.DataFrame(rows, schema={"code": pl.String, "month": pl.Date, "value": pl.Int64}, orient="row")


def _window(code: str) -> list[tuple[date, date | None, int]]:
    return [(r.effective_from, r.effective_to, int(r.value)) for r in BOOK.versions(code)]


def _in_windows(month: pl.Expr, windows: list[tuple[date, date | None, int]]) -> pl.Expr:
    expr = pl.lit(False)
    for start, end, _ in windows:
        inside = month >= pl.lit(start)
        if end is not None:
            inside = inside & (month <= pl.lit(end))
        expr = expr | inside
    return expr


def _normalise(frame: pl.DataFrame) -> pl.DataFrame:
    defaults: dict[str, pl.Expr] = {
        "wage": pl.lit(None, pl.Int64),
        "income": pl.lit(None, pl.Int64),
        "risk_class": pl.lit(None, pl.String),
        "programs": pl.lit(None, pl.String),
        "padat_karya": pl.lit(False),
        "sector": pl.lit("other"),
        "funder": pl.lit("self"),
        "ad_hoc_election": pl.lit(False),
        "non_asn": pl.lit(False),
    }
    missing = [expr.alias(name) for name, expr in defaults.items() if name not in frame.columns]
    frame = frame.with_columns(missing) if missing else frame
    if "row_id" not in frame.columns:
        frame = frame.with_row_index("row_id")
    programs = pl.col("programs")
    if frame.schema["programs"] in (pl.String, pl.Null):
        programs = programs.cast(pl.String).str.replace_all("+", ",", literal=True).str.split(",")
    return frame.with_columns(
        pl.col("row_id").cast(pl.Int64),
        pl.col("segment").cast(pl.String),
        pl.col("month").cast(pl.Date).dt.month_start().alias("month"),
        pl.col("wage").cast(pl.Int64),
        pl.col("income").cast(pl.Int64),
        pl.col("padat_karya").fill_null(False).cast(pl.Boolean),
        pl.col("sector").fill_null("other"),
        pl.col("funder").fill_null("self"),
        pl.col("ad_hoc_election").fill_null(False).cast(pl.Boolean),
        pl.col("non_asn").fill_null(False).cast(pl.Boolean),
        programs.list.eval(pl.element().str.strip_chars().str.to_lowercase())
        .list.eval(pl.element().filter(pl.element() != ""))
        .fill_null(pl.lit([], dtype=pl.List(pl.String)))
        .alias("programs"),
    )


def _fail(frame: pl.DataFrame, condition: pl.Expr, code: str, message_id: str, message_en: str) -> None:
    bad = frame.filter(condition).get_column("row_id").head(10).to_list()
    if bad:
        rows = ", ".join(str(r) for r in bad)
        raise RuleInputError(code, f"{message_id} (baris {rows})", f"{message_en} (rows {rows})")


def _validate(frame: pl.DataFrame, config: RuleConfig) -> None:
    pu, bpu = pl.col("segment") == "pu", pl.col("segment") == "bpu"
    has = pl.col("programs").list.contains
    explicit = pl.col("programs").list.len() > 0
    _fail(
        frame,
        pl.col("month") < pl.lit(EPOCH),
        "DATE_TOO_EARLY",
        "Tanggal sebelum 1 Juli 2015",
        "Date before 1 July 2015",
    )
    for name in ("wage", "income"):
        _fail(frame, pl.col(name) < 0, "NEGATIVE_AMOUNT", f"{name} negatif", f"{name} is negative")
        _fail(frame, pl.col(name) > int(MAX_WAGE), "AMOUNT_ABSURD", f"{name} tidak masuk akal", f"{name} is absurd")
    _fail(frame, pu & pl.col("wage").is_null(), "MISSING_WAGE", "PU tanpa upah", "PU without a wage")
    _fail(
        frame,
        bpu & pl.col("income").is_null() & pl.col("wage").is_null(),
        "MISSING_INCOME",
        "BPU tanpa penghasilan",
        "BPU without an income",
    )
    _fail(
        frame,
        pl.col("risk_class").is_not_null() & ~pl.col("risk_class").is_in(list(RISK_CLASSES)),
        "UNKNOWN_RISK_CLASS",
        "Kelas risiko tidak dikenal",
        "Unknown risk class",
    )
    _fail(
        frame,
        pu & (has("jkk") | ~explicit) & pl.col("risk_class").is_null(),
        "MISSING_RISK_CLASS",
        "JKK PU tanpa kelas risiko",
        "PU JKK without a risk class",
    )
    _fail(frame, ~pl.col("sector").is_in(list(SECTORS)), "UNKNOWN_SECTOR", "Sektor tidak dikenal", "Unknown sector")
    _fail(
        frame, ~pl.col("funder").is_in(list(FUNDERS)), "UNKNOWN_FUNDER", "Sumber dana tidak dikenal", "Unknown funder"
    )
    unknown = pl.col("programs").list.eval(~pl.element().is_in(["jkk", "jkm", "jht", "jp", "jkp"])).list.any()
    _fail(frame, unknown, "UNKNOWN_PROGRAM", "Program tidak dikenal", "Unknown programme")
    _fail(frame, bpu & (has("jp") | has("jkp")), "PROGRAM_NOT_AVAILABLE", "JP/JKP tidak untuk BPU", "No JP/JKP for BPU")
    _fail(
        frame,
        pu & has("jkp") & (pl.col("month") < pl.lit(JKP_FIRST_IURAN_MONTH)),
        "JKP_NOT_IN_FORCE",
        "JKP belum berlaku",
        "JKP not yet in force",
    )
    income = pl.coalesce("income", "wage")
    if config.bpu_below_minimum == "reject":
        _fail(
            frame,
            bpu & (income < MINIMUM_BASIS),
            "INCOME_BELOW_MINIMUM",
            "Penghasilan di bawah minimum",
            "Income below the minimum",
        )


def _bpu_basis(income: pl.Expr, on: date, config: RuleConfig) -> pl.Expr:
    """Band basis: the confirmed band rows as nested when/otherwise (the table is tiny), then the
    configured rules for incomes below the minimum (lift) and between confirmed rows."""
    bands = BOOK.prefix(BAND_PREFIX, on)
    if config.bpu_band_gap == "lower-confirmed":
        gap: pl.Expr = pl.lit(None, pl.Int64)
        for band in bands:  # ascending lower bounds: the last match is the highest confirmed basis
            assert band.lower is not None
            gap = pl.when(income >= int(band.lower)).then(pl.lit(int(band.value))).otherwise(gap)
    else:
        gap = income
    expr = pl.when(income < MINIMUM_BASIS).then(pl.lit(MINIMUM_BASIS)).otherwise(gap)
    for band in reversed(bands):
        assert band.lower is not None
        inside = income >= int(band.lower)
        if band.upper is not None:
            inside = inside & (income < int(band.upper))
        expr = pl.when(inside).then(pl.lit(int(band.value))).otherwise(expr)
    return expr.cast(pl.Int64)


def contribution_lines(frame: pl.DataFrame, config: RuleConfig = DEFAULT_CONFIG) -> pl.DataFrame:
    """Iuran lines for every row of ``frame`` (see the module docstring for the columns)."""
    frame = _with_non_asn_class(_normalise(frame), config)
    vector = frame.filter(VECTOR_ROWS)
    other = frame.filter(~VECTOR_ROWS)
    parts = [_vector_lines(vector, config)] if vector.height else []
    if other.height:
        parts.append(_scalar_lines(other, config))
    if not parts:
        return pl.DataFrame(schema={**LINES_SCHEMA, "billed": pl.Boolean})
    lines = pl.concat(parts).sort("row_id", maintain_order=True)
    # The central government's JKP share is shown, never billed (as Line.billed in the scalar form).
    return lines.with_columns((pl.col("programme") != "JKP").alias("billed"))


# Jakon and PMI rows, and election ad hoc officers (whose basis is a configurable rule with a PU form),
# take the scalar path row by row; a biller passes one row per programme and month, never per worker.
VECTOR_ROWS = pl.col("segment").is_in(["pu", "bpu"]) & ~pl.col("ad_hoc_election")


def _with_non_asn_class(frame: pl.DataFrame, config: RuleConfig) -> pl.DataFrame:
    """Non-ASN staff without a risk class take the configured one, as the scalar form does."""
    return frame.with_columns(
        pl.when(pl.col("non_asn") & pl.col("risk_class").is_null() & (pl.col("segment") == "pu"))
        .then(pl.lit(config.non_asn_risk_class))
        .otherwise(pl.col("risk_class"))
        .alias("risk_class")
    )


def _vector_lines(frame: pl.DataFrame, config: RuleConfig) -> pl.DataFrame:
    if config.bpu_band_gap == "reject":
        raise RuleInputError(
            "UNSUPPORTED_OPTION",
            "Opsi BPU.BAND.GAP=reject tidak tersedia dalam bentuk vektor.",
            "Option BPU.BAND.GAP=reject is not available in the vectorised form.",
        )
    _validate(frame, config)
    month = pl.col("month")
    explicit = pl.col("programs").list.len() > 0
    segment = pl.col("segment")
    # The rate tables expanded to the months present (a few hundred rows at most) and joined on
    # (code, month): the dated lookup is a hash join, never per-row Python.
    rates = rate_lookup(frame.get_column("month").unique().to_list())
    latest = frame.get_column("month").max()
    on = latest if isinstance(latest, date) else EPOCH  # the band rows are not dated in practice
    base = frame.lazy().with_columns(
        _bpu_basis(pl.coalesce("income", "wage"), on, config).alias("bpu_basis"),
        pl.col("risk_class").replace_strict(JKK_CODES, default=None).alias("jkk_code"),
        *(
            pl.when(explicit)
            .then(pl.col("programs").list.contains(program))
            .otherwise(_default_has(program, segment, month, config))
            .alias(f"has_{program}")
            for program in ("jkk", "jkm", "jht", "jp", "jkp")
        ),
    )
    factors = _factors(config)
    parts = []
    for spec_segment, program, spec_payer, code, basis_kind, relief, discount in _SPECS:
        rows = base.filter((segment == spec_segment) & pl.col(f"has_{program}"))
        if code == "PU.JKK":
            table = rates.filter(pl.col("code").str.starts_with("PU.JKK.")).rename({"code": "jkk_code"})
            rows = rows.join(table.lazy(), on=["jkk_code", "month"], how="inner").with_columns(
                pl.col("jkk_code").alias("rule_code")
            )
        else:
            table = rates.filter(pl.col("code") == code).drop("code")
            rows = rows.join(table.lazy(), on="month", how="inner").with_columns(pl.lit(code).alias("rule_code"))
        if basis_kind in ("jp", "jkp"):
            cap_code = "JP.WAGE_CAP" if basis_kind == "jp" else "PU.JKP.WAGE_CAP"
            cap = rates.filter(pl.col("code") == cap_code).select("month", pl.col("value").alias("cap"))
            rows = rows.join(cap.lazy(), on="month", how="inner")
            basis = pl.min_horizontal("wage", "cap")
        else:
            basis = {"wage": pl.col("wage"), "bpu": pl.col("bpu_basis"), "flat": pl.col("value")}[basis_kind]
        # A flat amount is its own basis at 100% (1e9 rate units).
        rate = pl.lit(100 * RATE_SCALE) if basis_kind == "flat" else pl.col("value")
        factor, modifier = factors(relief, discount)
        numerator = basis * rate * factor
        amount = numerator // DENOMINATOR + ((numerator % DENOMINATOR) * 2 >= DENOMINATOR).cast(pl.Int64)
        payer = (
            pl.lit(spec_payer)
            if spec_payer is not None
            else pl.when(pl.col("funder").is_in(sorted(GOVERNMENT_FUNDERS)))
            .then(pl.lit("government"))
            .otherwise(pl.lit("participant"))
        )
        parts.append(
            rows.select(
                pl.col("row_id"),
                pl.lit(program.upper()).alias("programme"),
                payer.alias("payer"),
                amount.cast(pl.Int64).alias("amount"),
                pl.col("rule_code"),
                modifier.alias("modifier"),
            )
        )
    return pl.concat(parts).collect()


JKK_CODES = {risk: f"PU.JKK.{key}" for risk, key in RISK_CLASSES.items()}


def _default_has(program: str, segment: pl.Expr, month: pl.Expr, config: RuleConfig) -> pl.Expr:
    """The segment's default programmes (JKP only from its first iuran month)."""
    in_pu = program in DEFAULTS["pu"]
    pu = pl.lit(in_pu) if program != "jkp" else month >= pl.lit(JKP_FIRST_IURAN_MONTH)
    return pl.when(segment == "pu").then(pu).otherwise(pl.lit(program in DEFAULTS["bpu"]))


def _factors(config: RuleConfig) -> Callable[[bool, str | None], tuple[pl.Expr, pl.Expr]]:
    """The (factor %, modifier code) expressions of a line: PP 49/2020 relief, PP 7/2025, PP 50/2025."""
    month = pl.col("month")
    relief_windows = _window("PP49.JKK_JKM.FACTOR")
    padat_windows = _window("PP7.JKK.DISCOUNT")
    transport, other = _window("BPU.PP50.TRANSPORT"), _window("BPU.PP50.OTHER")
    excluded_funders = PP50_EXCLUDED_FUNDERS | ({"apbdes"} if config.pp50_apbdes_is_apbd else set())
    in_relief = _in_windows(month, relief_windows)

    def build(relief: bool, discount: str | None) -> tuple[pl.Expr, pl.Expr]:
        factor: pl.Expr = pl.lit(100)
        modifier: pl.Expr = pl.lit(None, pl.String)
        if discount == "padat_karya":
            padat = pl.col("padat_karya") & _in_windows(month, padat_windows)
            factor = pl.when(padat).then(pl.lit(100 - padat_windows[0][2])).otherwise(factor)
            modifier = pl.when(padat).then(pl.lit("PP7.JKK.DISCOUNT")).otherwise(modifier)
        if discount == "pp50":
            is_transport = pl.col("sector") == "transport"
            window = pl.when(is_transport).then(_in_windows(month, transport)).otherwise(_in_windows(month, other))
            pp50 = ~pl.col("funder").is_in(sorted(excluded_funders)) & window
            code = pl.when(is_transport).then(pl.lit("BPU.PP50.TRANSPORT")).otherwise(pl.lit("BPU.PP50.OTHER"))
            factor = pl.when(pp50).then(pl.lit(100 - transport[0][2])).otherwise(factor)
            modifier = pl.when(pp50).then(code).otherwise(modifier)
        if relief:
            factor = pl.when(in_relief).then(pl.lit(relief_windows[0][2])).otherwise(factor)
            modifier = pl.when(in_relief).then(pl.lit("PP49.JKK_JKM.FACTOR")).otherwise(modifier)
        return factor, modifier

    return build


def record_input(record: dict[str, Any], *, padat_karya: bool = False) -> ContributionInput:
    """One row of the vectorised frame as the scalar calculator's input (``padat_karya``: take the row's
    flag; Jakon and PMI rows leave it out, the discount being a PU one)."""
    money = {
        name: None if record.get(name) is None else Decimal(record[name])
        for name in ("wage", "income", "contract_value")
    }
    return ContributionInput(
        segment=record["segment"],
        on=record["month"],
        wage=money["wage"],
        income=money["income"],
        risk_class=record.get("risk_class"),
        contract_value=money["contract_value"],
        programs=frozenset(record.get("programs") or ()),
        months=record.get("months"),
        padat_karya=padat_karya and bool(record.get("padat_karya")),
        wage_known=bool(record.get("wage_known")),
        pmi_pre_placement=bool(record.get("pmi_pre_placement")),
        ad_hoc_election=bool(record.get("ad_hoc_election")),
        non_asn=bool(record.get("non_asn")),
        sector=record["sector"],
        funder=record["funder"],
    )


def _scalar_lines(frame: pl.DataFrame, config: RuleConfig) -> pl.DataFrame:
    """Jakon and PMI rows: one scalar calculation per row (their volumes are per project, not payroll)."""
    rows: list[tuple[int, str, str, int, str, str | None]] = []
    for record in frame.to_dicts():
        result = calculate_contribution(record_input(record), config)
        for line in result.lines:
            modifier = line.rule_codes[1] if len(line.rule_codes) > 1 else None
            rows.append(
                (record["row_id"], line.programme, line.payer or "", int(line.amount), line.rule_codes[0], modifier)
            )
    return pl.DataFrame(rows, schema=LINES_SCHEMA, orient="row")
