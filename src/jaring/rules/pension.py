"""JP (PP 45/2015): the yearly wage cap and benefit bounds, and the rules that compute next year's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jaring.rules.config import DEFAULT_CONFIG, RuleConfig
from jaring.rules.errors import RuleInputError
from jaring.rules.inputs import check_date
from jaring.rules.money import ceil_to, truncate_to
from jaring.rules.rates import BOOK
from jaring.rules.table import RateRecord, month_start
from jaring.rules.trace import Trace
from jaring.rules.words import tanggal


def _cap_year(on: date) -> int:
    """The cap year in force: a new cap applies from iuran month March."""
    return on.year if on.month >= 3 else on.year - 1


def jp_cap_record(on: date, trace: Trace) -> RateRecord:
    """The JP wage cap record in force for the iuran month of ``on``; warns when it is stale."""
    record = trace.use("JP.WAGE_CAP", month_start(on))
    if _cap_year(record.effective_from) < _cap_year(on):
        trace.warn(
            "JP.WAGE_CAP.STALE",
            f"Batas upah JP {_cap_year(on)} belum dipublikasikan; dipakai batas {_cap_year(record.effective_from)} "
            f"(hitung dengan jp_wage_cap_next bila pertumbuhan PDB diketahui).",
            f"The {_cap_year(on)} JP wage cap is not published yet; the {_cap_year(record.effective_from)} cap is "
            "used (compute it with jp_wage_cap_next once GDP growth is known).",
        )
    return record


def jp_wage_cap(on: date) -> Decimal:
    """The JP wage cap in force for the iuran month of ``on`` (from March of each year)."""
    check_date(on)
    return jp_cap_record(on, Trace()).value


def jp_wage_cap_next(previous_cap: Decimal, gdp_growth: Decimal) -> Decimal:
    """PP 45/2015 Pasal 29(3): previous cap × (1 + previous year's GDP growth), truncated to Rp 100.

    Every confirmed year matches truncation (8,512,400 × 1.0502 = 8,939,722.48 → 8,939,700).
    """
    if previous_cap <= 0 or not Decimal("-0.5") < gdp_growth < Decimal("0.5"):
        raise RuleInputError(
            "INVALID_JP_CAP_INPUT",
            "Batas upah sebelumnya harus positif dan pertumbuhan PDB berupa pecahan (mis. 0.0502).",
            "The previous cap must be positive and GDP growth a fraction (e.g. 0.0502).",
        )
    step = BOOK.get("JP.WAGE_CAP.ROUNDING", date(2015, 7, 1)).value
    return truncate_to(previous_cap * (1 + gdp_growth), step)


@dataclass(frozen=True, slots=True)
class BenefitBounds:
    minimum: Decimal
    maximum: Decimal
    rule_codes: tuple[str, ...]
    carried_forward: bool = False


def jp_benefit_bounds_next(previous_min: Decimal, previous_max: Decimal, inflation: Decimal, on: date) -> BenefitBounds:
    """PP 45/2015 Pasal 18: the floor and ceiling × (1 + previous year's inflation), rounded up.

    The rounding step is a dated record: to the rupiah until 2022 (2016 published 310,050), to Rp 100
    from 2023 (every 2023-2026 figure is a multiple of 100 and matches ceiling rounding).
    """
    check_date(on)
    if previous_min <= 0 or previous_max < previous_min or not Decimal("-0.5") < inflation < Decimal("0.5"):
        raise RuleInputError(
            "INVALID_JP_BOUNDS_INPUT",
            "Batas manfaat sebelumnya harus positif (min ≤ maks) dan inflasi berupa pecahan (mis. 0.0335).",
            "Previous bounds must be positive (min ≤ max) and inflation a fraction (e.g. 0.0335).",
        )
    rounding = BOOK.get("JP.BENEFIT_BOUNDS.ROUNDING", on)
    factor = 1 + inflation
    return BenefitBounds(
        minimum=ceil_to(previous_min * factor, rounding.value),
        maximum=ceil_to(previous_max * factor, rounding.value),
        rule_codes=(rounding.code,),
    )


def jp_benefit_bounds(on: date, trace: Trace | None = None, config: RuleConfig = DEFAULT_CONFIG) -> BenefitBounds:
    """The known JP floor and ceiling in force on ``on``; gap years follow JP.BENEFIT_BOUNDS.GAP."""
    check_date(on)
    trace = trace or Trace(config)
    low = trace.find("JP.BENEFIT_MIN", on)
    high = trace.find("JP.BENEFIT_MAX", on)
    if low is not None and high is not None:
        return BenefitBounds(low.value, high.value, (low.code, high.code))
    trace.configured(
        "JP.BENEFIT_BOUNDS.GAP",
        f"Batas manfaat JP untuk {on.year} tidak ditemukan.",
        f"The JP benefit floor and ceiling for {on.year} were not found.",
    )
    low = trace.book.latest_before("JP.BENEFIT_MIN", on)
    high = trace.book.latest_before("JP.BENEFIT_MAX", on)
    if trace.config.jp_bounds_missing == "reject" or low is None or high is None:
        raise RuleInputError(
            "JP_BOUNDS_UNKNOWN",
            f"Batas manfaat JP untuk {tanggal(on)} tidak diketahui.",
            f"The JP benefit bounds for {on.isoformat()} are not known.",
        )
    trace.note(low)
    trace.note(high)
    return BenefitBounds(low.value, high.value, (low.code, high.code), carried_forward=True)
