"""Coverage indicators, the national target trajectory and the Kemendagri categories, as data.

Each indicator is defined once: its code, its names, what it counts over what, and where the figures
come from. A ratio is computed from counts and rounded half-up to four decimals; a missing or zero
denominator gives no value ("tidak tersedia"), never an invented one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

from jaring.rules.errors import RuleInputError


@dataclass(frozen=True)
class Indicator:
    code: str
    name_id: str
    name_en: str
    numerator: str  # what is counted: segments of BPJS's participants, or Jaring's own figures
    denominator: str | None  # a denominator kind, or None for a count
    unit: str  # "ratio" or "count" or "rupiah"
    source: str


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "UCJ",
        "Cakupan kepesertaan (semua segmen / penduduk bekerja)",
        "Coverage (all segments / employed population)",
        "PU+BPU+JAKON+PMI",
        "employed",
        "ratio",
        "BPJS Ketenagakerjaan; BPS Sakernas",
    ),
    Indicator(
        "PU",
        "Cakupan penerima upah (PU / pekerja formal)",
        "Wage earners (PU / formal workers)",
        "PU",
        "formal",
        "ratio",
        "BPJS Ketenagakerjaan; BPS Sakernas",
    ),
    Indicator(
        "BPU",
        "Cakupan bukan penerima upah (BPU / pekerja informal)",
        "Non-wage earners (BPU / informal workers)",
        "BPU",
        "informal",
        "ratio",
        "BPJS Ketenagakerjaan; BPS Sakernas",
    ),
    Indicator(
        "PU_POTENTIAL",
        "PU terhadap potensi kepesertaan",
        "PU against the agreed potential",
        "PU",
        "potential_pu",
        "ratio",
        "BPJS Ketenagakerjaan; potensi yang disepakati Pemda dan kantor cabang",
    ),
    Indicator(
        "BPU_POTENTIAL",
        "BPU terhadap potensi kepesertaan",
        "BPU against the agreed potential",
        "BPU",
        "potential_bpu",
        "ratio",
        "BPJS Ketenagakerjaan; potensi yang disepakati Pemda dan kantor cabang",
    ),
    Indicator(
        "JAKON_POTENTIAL",
        "Jasa konstruksi terhadap potensi kepesertaan",
        "Construction against the agreed potential",
        "JAKON",
        "potential_jakon",
        "ratio",
        "BPJS Ketenagakerjaan; potensi yang disepakati Pemda dan kantor cabang",
    ),
    Indicator("JAKON", "Peserta jasa konstruksi", "Construction participants", "JAKON", None, "count", "BPJS"),
    Indicator("PMI", "Peserta pekerja migran", "Migrant worker participants", "PMI", None, "count", "BPJS"),
    Indicator(
        "SPONSORED",
        "Pekerja yang dilindungi program Jaring",
        "Workers protected by Jaring programmes",
        "sponsored",
        None,
        "count",
        "Jaring",
    ),
)
BY_CODE = {i.code: i for i in INDICATORS}
DENOMINATOR_KINDS = ("employed", "formal", "informal", "potential_pu", "potential_bpu", "potential_jakon")
SEGMENTS = ("PU", "BPU", "JAKON", "PMI")


def ratio(numerator: int | None, denominator: int | None) -> Decimal | None:
    """numerator / denominator, half-up to four decimals; None when either is missing or the denominator 0."""
    if numerator is None or not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class TargetPoint:
    year: int
    value: Decimal  # a ratio, reached by the end of the year
    citation: str


# The national trajectory (rules-reference §8): RPJMN 2025–2029 and RKP 2026, RPJPN 2045.
NATIONAL: tuple[TargetPoint, ...] = (
    TargetPoint(2025, Decimal("0.3215"), "RPJMN 2025–2029"),
    TargetPoint(2026, Decimal("0.3499"), "RKP 2026"),
    TargetPoint(2029, Decimal("0.4392"), "RPJMN 2025–2029"),
    TargetPoint(2045, Decimal("0.995"), "RPJPN 2025–2045"),
)


def target_on(month: date, points: tuple[TargetPoint, ...] = NATIONAL) -> tuple[Decimal, str] | None:
    """The target for a month: each point holds at the end of its year, months between two points are
    interpolated linearly; within the first point's year its value, before it none, after the last the last."""
    ordered = sorted(points, key=lambda p: p.year)
    if not ordered or month.year < ordered[0].year:
        return None
    if month.year == ordered[0].year:
        return ordered[0].value, ordered[0].citation
    at = month.year * 12 + month.month  # months, a point sitting at the end of its year (year × 12 + 12)
    for before, after in pairwise(ordered):
        start, end = before.year * 12 + 12, after.year * 12 + 12
        if start < at <= end:
            value = before.value + (after.value - before.value) * Decimal(at - start) / Decimal(end - start)
            citation = f"interpolasi {before.citation} – {after.citation}" if at < end else after.citation
            return value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP), citation
    return ordered[-1].value, ordered[-1].citation


@dataclass(frozen=True)
class Category:
    code: str
    name_id: str
    below: Decimal | None  # the upper bound (exclusive); None for the last


# Kemendagri's four categories: their thresholds were not found in a regulation, so they are
# configuration (rules-reference §13); these defaults split the range in quarters.
CATEGORIES: tuple[Category, ...] = (
    Category("sangat-rendah", "Sangat rendah", Decimal("0.25")),
    Category("rendah", "Rendah", Decimal("0.50")),
    Category("sedang", "Sedang", Decimal("0.75")),
    Category("tinggi", "Tinggi", None),
)


def category(value: Decimal | None, categories: tuple[Category, ...] = CATEGORIES) -> Category | None:
    if value is None:
        return None
    if value < 0:
        raise RuleInputError("COVERAGE.NEGATIVE", "Cakupan tidak boleh negatif.", "Coverage must not be negative.")
    return next(c for c in categories if c.below is None or value < c.below)


def monthly_increase_needed(value: Decimal, target: Decimal, months: int) -> Decimal | None:
    """The rise a month (in ratio points) that reaches ``target`` in ``months`` months; None if already there."""
    if months <= 0 or value >= target:
        return None
    return ((target - value) / months).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
