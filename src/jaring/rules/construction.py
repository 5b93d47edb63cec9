"""Jasa Konstruksi iuran: marginal tiers on the contract value, or percentages of known wages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from jaring.rules.errors import RuleInputError
from jaring.rules.inputs import ContributionInput, require
from jaring.rules.lines import percent_line, pp49_factor
from jaring.rules.money import ZERO, format_rupiah, percent_of
from jaring.rules.result import Line
from jaring.rules.table import RateRecord, month_start
from jaring.rules.trace import Trace


def tier_parts(value: Decimal, tiers: list[RateRecord]) -> list[tuple[RateRecord, Decimal]]:
    """The part of ``value`` inside each tier (marginal: each rate applies only to its own slice)."""
    parts = []
    for tier in tiers:
        assert tier.lower is not None
        top = value if tier.upper is None else min(value, tier.upper)
        part = top - tier.lower
        if part > 0:
            parts.append((tier, part))
    return parts


def jakon_tier_amount(value: Decimal, programme: str, on: date, trace: Trace | None = None) -> Decimal:
    """The exact (unrounded) tier sum for one programme: used by the continuity property."""
    trace = trace or Trace()
    tiers = _tiers(programme, on, trace)
    return sum((percent_of(part, tier.value) for tier, part in tier_parts(value, tiers)), ZERO)


def _tiers(programme: str, on: date, trace: Trace) -> list[RateRecord]:
    tiers = trace.book.prefix(f"JAKON.{programme}.TIER_", on)
    if programme == "JKM":
        configured = trace.config.jakon_jkm_tier_e
        tiers = [t if t.code != "JAKON.JKM.TIER_E" else _with_value(t, configured) for t in tiers]
    return tiers


def _with_value(record: RateRecord, value: Decimal) -> RateRecord:
    from dataclasses import replace

    return record if record.value == value else replace(record, value=value)


def jakon_project_lines(inp: ContributionInput, programs: frozenset[str], trace: Trace) -> tuple[Line, ...]:
    """One line per programme and tier touched; rounding each line equals rounding the sum, because the
    full lower tiers are whole rupiah (every tier bound is a multiple of Rp 1 juta)."""
    require(
        inp.contract_value,
        "MISSING_CONTRACT_VALUE",
        "Segmen Jakon tanpa upah memerlukan nilai kontrak tanpa PPN (--contract-value).",
        "Segment Jakon without known wages needs the contract value excluding PPN (--contract-value).",
    )
    assert inp.contract_value is not None
    if inp.months not in (None, 1):
        raise RuleInputError(
            "INVALID_MONTHS",
            "Iuran Jakon atas nilai kontrak dibayar sekali per proyek; --months tidak dipakai.",
            "Jakon iuran on the contract value is paid once per project; --months does not apply.",
        )
    month = month_start(inp.on)
    relief = pp49_factor(trace, month)
    lines: list[Line] = []
    for programme in ("JKK", "JKM"):
        if programme.lower() not in programs:
            continue
        for tier, part in tier_parts(inp.contract_value, _tiers(programme, month, trace)):
            trace.note(trace.book.get(tier.code, month))
            if tier.code == "JAKON.JKM.TIER_E":
                trace.configured(
                    "JAKON.JKM.TIER_E",
                    "Tarif JKM Jakon di atas Rp 5 M hanya dari satu sumber sekunder.",
                    "The Jakon JKM rate above Rp 5 M comes from one secondary source only.",
                )
            lower = tier.lower or ZERO
            span_id = (
                f"{format_rupiah(lower)}-{format_rupiah(tier.upper)}" if tier.upper else f"> {format_rupiah(lower)}"
            )
            lines.append(
                percent_line(
                    programme=programme,
                    payer="contractor",
                    basis=part,
                    rate=relief.apply(tier.value),
                    codes=(tier.code, *relief.codes),
                    citation=tier.citation,
                    label_id=f"Iuran {programme} Jakon tier {tier.code[-1]} ({span_id}){relief.label_id}",
                    label_en=f"Jakon {programme} iuran tier {tier.code[-1]} ({span_id}){relief.label_en}",
                    month=month,
                )
            )
    return tuple(lines)


def jakon_wage_lines(inp: ContributionInput, programs: frozenset[str], month: date, trace: Trace) -> list[Line]:
    """Jakon with each worker's wage known: JKK 1.74% and JKM 0.30% of the monthly wage."""
    require(
        inp.wage,
        "MISSING_WAGE",
        "Jakon dengan upah diketahui memerlukan upah (--wage).",
        "Jakon with known wages needs the wage (--wage).",
    )
    assert inp.wage is not None
    relief = pp49_factor(trace, month)
    lines = []
    for programme in ("JKK", "JKM"):
        if programme.lower() in programs:
            record = trace.use(f"JAKON.WAGE.{programme}", month)
            lines.append(
                percent_line(
                    programme=programme,
                    payer="contractor",
                    basis=inp.wage,
                    rate=relief.apply(record.value),
                    codes=(record.code, *relief.codes),
                    citation=record.citation,
                    label_id=f"Iuran {programme} Jakon atas upah{relief.label_id}",
                    label_en=f"Jakon {programme} iuran on the wage{relief.label_en}",
                    month=month,
                )
            )
    return lines
