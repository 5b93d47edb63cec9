"""Figures as a leader may see them, in Indonesian: counts of people under 5 become "<5", whoever counted
them (Jaring or BPJS), and a ratio or an amount built on such a count is withheld, since it would give the
count away; ratios as "30,29%", money as "Rp 16.800". The dashboard, the PDF, the xlsx and the API all
withhold a figure through here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jaring.coverage.indicators import Figure
from jaring.coverage.models import DenominatorKind
from jaring.registry.templatetags.jaring_format import angka, rupiah
from jaring.rules.coverage import JARING_TERMS, RUPIAH_TERMS

SUPPRESS_BELOW = 5
WITHHELD = "<5"


@dataclass(frozen=True)
class Shown:
    """A count as a leader may see it: under 5 is "<5" (and never a figure that gives it away)."""

    value: int
    suppressed: bool

    def __str__(self) -> str:
        return WITHHELD if self.suppressed else angka(self.value)


def shown(value: int, suppress: bool) -> Shown:
    return Shown(value, suppress and is_small(value))


def is_small(value: int | None) -> bool:
    return value is not None and 0 < value < SUPPRESS_BELOW


def withheld_terms(figure: Figure) -> tuple[bool, bool]:
    """Whether a leader must not see the figure's numerator, and its denominator: a count of people under 5."""
    indicator = figure.indicator
    below = figure.denominator.value if figure.denominator else None
    return (
        indicator.numerator not in RUPIAH_TERMS and is_small(figure.numerator),
        indicator.denominator not in RUPIAH_TERMS and is_small(below),
    )


def percent(value: Decimal | str | None) -> str:
    """0.3029 -> '30,29%'; nothing known -> 'tidak tersedia'."""
    if value is None or value == "":
        return "tidak tersedia"
    return f"{Decimal(value) * 100:.2f}%".replace(".", ",")


def points(value: Decimal | str | None) -> str:
    """A difference of two rates in percentage points: 0.0050 -> '0,50 poin'; nothing known -> 'tidak tersedia'."""
    if value is None or value == "":
        return "tidak tersedia"
    return f"{Decimal(value) * 100:.2f} poin".replace(".", ",")


def period_text(period: str) -> str:
    """Periods as a page writes them: '2023-08' -> '08/2023', '2026-01 s.d. 2026-11' -> '01/2026 s.d. 11/2026'."""
    return re.sub(r"\b(\d{4})-(\d{2})\b", r"\2/\1", period)


def denominator_name(kind: str | None) -> str:
    if kind in JARING_TERMS:
        return JARING_TERMS[kind][0]
    if kind in DenominatorKind.values:
        return str(DenominatorKind(kind).label)
    return ""


@dataclass(frozen=True)
class FigureRow:
    figure: Figure
    value: str
    numerator: str
    denominator: str
    basis: str  # what the denominator is and its period, or "jumlah" for a count


def _term(value: int | None, term: str | None, hidden: bool) -> str:
    if value is None:
        return "—"
    if hidden:
        return WITHHELD
    return rupiah(value) if term in RUPIAH_TERMS else angka(value)


def figure_row(figure: Figure, *, suppress: bool) -> FigureRow:
    indicator = figure.indicator
    hidden_n, hidden_d = withheld_terms(figure) if suppress else (False, False)
    numerator = _term(figure.numerator, indicator.numerator, hidden_n)
    below = figure.denominator
    denominator = _term(below.value if below else None, indicator.denominator, hidden_d)
    if indicator.unit == "count":
        value = numerator
    elif hidden_n or hidden_d:
        value = "disembunyikan (<5)"
    elif indicator.unit == "rupiah":
        value = "tidak tersedia" if figure.value is None else rupiah(figure.value)
    else:
        value = percent(figure.value)
    name = denominator_name(indicator.denominator)
    if below is not None:
        basis = f"{name}, {period_text(below.period)}"
    elif indicator.denominator:
        basis = f"{name}: tidak tersedia"
    else:
        basis = "jumlah"
    return FigureRow(figure, value, numerator, denominator, basis)


def figure_rows(figures: list[Figure], *, suppress: bool) -> list[FigureRow]:
    return [figure_row(f, suppress=suppress) for f in figures]
