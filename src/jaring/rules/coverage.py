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
    Indicator(
        "LAPSE_RATE",
        "Tingkat terhenti (terhenti / didanai, bulan ini)",
        "Lapse rate (lapsed / sponsored, this month)",
        "lapsed",
        "sponsored",
        "ratio",
        "Jaring: kepesertaan yang didanai",
    ),
    Indicator(
        "BUDGET_USED",
        "Anggaran terpakai (tagihan / anggaran program, tahun berjalan)",
        "Budget used (billed / programme budgets, year to date)",
        "billed_amount_ytd",
        "budget",
        "ratio",
        "Jaring: tagihan iuran dan anggaran program",
    ),
    Indicator(
        "COST_PER_WORKER_MONTH",
        "Biaya per pekerja-bulan terlindungi (tahun berjalan)",
        "Cost per protected worker-month (year to date)",
        "billed_amount_ytd",
        "worker_months_ytd",
        "rupiah",
        "Jaring: tagihan iuran dan kepesertaan yang didanai",
    ),
    Indicator(
        "FUNNEL_PROPOSED",
        "Diusulkan ke BPJS (tahun berjalan)",
        "Proposed to BPJS (year to date)",
        "proposed_ytd",
        None,
        "count",
        "Jaring: kohort program",
    ),
    Indicator(
        "FUNNEL_ACCEPTED",
        "Diterima BPJS dari yang diusulkan (tahun berjalan)",
        "Accepted by BPJS of those proposed (year to date)",
        "accepted_ytd",
        "proposed_ytd",
        "ratio",
        "Jaring: kohort program dan jawaban BPJS",
    ),
    Indicator(
        "FUNNEL_BILLED",
        "Ditagih dari yang diterima (tahun berjalan)",
        "Billed of those accepted (year to date)",
        "funnel_billed_ytd",
        "accepted_ytd",
        "ratio",
        "Jaring: kohort program dan tagihan iuran",
    ),
)
BY_CODE = {i.code: i for i in INDICATORS}
# Jaring's own figures an indicator may count or divide by, each named (Indonesian, English) and with the
# period it covers: the month itself, or the calendar year up to and including the month.
JARING_TERMS: dict[str, tuple[str, str, str]] = {
    "sponsored": ("Pekerja didanai bulan ini", "Sponsored workers this month", "month"),
    "lapsed": ("Kepesertaan terhenti bulan ini", "Memberships lapsed this month", "month"),
    "billed_amount_ytd": ("Iuran ditagih tahun berjalan (Rp)", "Contributions billed, year to date (Rp)", "ytd"),
    "budget": ("Anggaran program tahun ini (Rp)", "Programme budgets of the year (Rp)", "year"),
    "worker_months_ytd": ("Pekerja-bulan didanai, tahun berjalan", "Sponsored worker-months, year to date", "ytd"),
    "proposed_ytd": ("Diusulkan, tahun berjalan", "Proposed, year to date", "ytd"),
    "accepted_ytd": ("Diterima BPJS, tahun berjalan", "Accepted by BPJS, year to date", "ytd"),
    "funnel_billed_ytd": ("Ditagih, tahun berjalan", "Billed, year to date", "ytd"),
}
# Terms in rupiah; every other term of an indicator counts people (suppressed under 5 on leader views).
RUPIAH_TERMS = frozenset({"billed_amount_ytd", "budget"})
JARING_COUNTS = frozenset(JARING_TERMS) - RUPIAH_TERMS
DENOMINATOR_KINDS = ("employed", "formal", "informal", "potential_pu", "potential_bpu", "potential_jakon")
SEGMENTS = ("PU", "BPU", "JAKON", "PMI")


def ratio(numerator: int | None, denominator: int | None) -> Decimal | None:
    """numerator / denominator, half-up to four decimals; None when either is missing or the denominator 0."""
    if numerator is None or not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def rupiah_per(amount: int | None, units: int | None) -> Decimal | None:
    """Rupiah per unit (a worker-month), half-up to whole rupiah; None when either is missing or no units."""
    if amount is None or not units:
        return None
    return (Decimal(amount) / Decimal(units)).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def indicator_value(indicator: Indicator, numerator: int | None, denominator: int | None) -> Decimal | None:
    """The value of an indicator from its counts: a ratio, rupiah per unit, or none for a plain count."""
    if indicator.denominator is None:
        return None
    if indicator.unit == "rupiah":
        return rupiah_per(numerator, denominator)
    return ratio(numerator, denominator)


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
            both = before.citation if before.citation == after.citation else f"{before.citation} – {after.citation}"
            citation = f"interpolasi {both}" if at < end else after.citation
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
