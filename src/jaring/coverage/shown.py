"""Figures as a leader may see them, in Indonesian: counts of people under 5 become "<5" (and a ratio built
on such a count is withheld, since it would give the count away), ratios as "30,29%", money as "Rp 16.800".
The dashboard, the PDF and the xlsx all show a figure through here."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jaring.coverage.indicators import Figure
from jaring.coverage.models import DenominatorKind
from jaring.registry.templatetags.jaring_format import angka, rupiah
from jaring.rules.coverage import JARING_COUNTS, JARING_TERMS

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
    return Shown(value, suppress and 0 < value < SUPPRESS_BELOW)


def percent(value: Decimal | None) -> str:
    """0.3029 -> '30,29%'; nothing known -> 'tidak tersedia'."""
    if value is None:
        return "tidak tersedia"
    return f"{value * 100:.2f}%".replace(".", ",")


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


def _term(value: int | None, term: str | None, suppress: bool) -> tuple[str, bool]:
    if value is None:
        return "—", False
    if term in ("billed_amount_ytd", "budget"):
        return rupiah(value), False
    hidden = suppress and term in JARING_COUNTS and 0 < value < SUPPRESS_BELOW
    return (WITHHELD if hidden else angka(value)), hidden


def figure_row(figure: Figure, *, suppress: bool) -> FigureRow:
    indicator = figure.indicator
    numerator, hidden_n = _term(figure.numerator, indicator.numerator, suppress)
    below = figure.denominator
    denominator, hidden_d = _term(below.value if below else None, indicator.denominator, suppress)
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
        basis = f"{name}, {below.period}"
    elif indicator.denominator:
        basis = f"{name}: tidak tersedia"
    else:
        basis = "jumlah"
    return FigureRow(figure, value, numerator, denominator, basis)


def figure_rows(figures: list[Figure], *, suppress: bool) -> list[FigureRow]:
    return [figure_row(f, suppress=suppress) for f in figures]
