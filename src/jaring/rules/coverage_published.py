"""A published coverage rate checked against its own counts (issue 12, ADR 0014: a rate is computed from
counts, never copied).

A rate is read as it was printed: a ratio (``0.5994``, ``0,5994``) or a percentage (``59,94%``). It is
recomputed from the participants and the denominator published with it, half-up to four decimals, and
flagged when the two differ by at least half a basis point. A rate printed with fewer decimals (``46%``)
cannot be held to more than its own rounding: the tolerance is then half a unit of its last digit, so a
correctly rounded "46%" is not called a mismatch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jaring.rules.coverage import ratio

TOLERANCE = Decimal("0.0005")
MAX_PLACES = 6  # of the ratio: a percentage with four decimals


class PublishedRateUnreadable(ValueError):
    """The text is not a rate; the message says why, in Indonesian."""


@dataclass(frozen=True)
class PublishedRate:
    value: Decimal  # a ratio
    places: int  # decimals of the ratio as printed: "46%" → 2, "0.5994" → 4


def published_rate(text: str) -> PublishedRate:
    cleaned = (text or "").strip().replace(" ", "")
    match = re.fullmatch(r"(\d+)(?:[.,](\d+))?(%?)", cleaned)
    if not match:
        raise PublishedRateUnreadable(f"angka cakupan {text!r} bukan rasio (0,5994) atau persen (59,94%)")
    whole, decimals, percent = match.groups()
    decimals = decimals or ""
    value = Decimal(f"{whole}.{decimals or '0'}")
    places = len(decimals)
    if percent:
        value, places = value / 100, places + 2
    elif value > 1:
        raise PublishedRateUnreadable(
            f"angka cakupan {text!r} lebih dari 1: tulis sebagai rasio (0,5994) atau persen dengan tanda % (59,94%)"
        )
    if places > MAX_PLACES:
        raise PublishedRateUnreadable(f"angka cakupan {text!r} memiliki terlalu banyak angka desimal")
    return PublishedRate(value, places)


@dataclass(frozen=True)
class Comparison:
    recomputed: Decimal | None  # None: the counts were not published with the rate
    difference: Decimal | None  # published − recomputed, as a ratio
    tolerance: Decimal
    flagged: bool


def tolerance_for(places: int) -> Decimal:
    half_unit = Decimal(5) / Decimal(10) ** (places + 1)
    return max(TOLERANCE, half_unit)


def published_compare(participants: int | None, denominator: int | None, published: PublishedRate) -> Comparison:
    recomputed = ratio(participants, denominator)
    tolerance = tolerance_for(published.places)
    if recomputed is None:
        return Comparison(None, None, tolerance, False)
    difference = published.value - recomputed
    return Comparison(recomputed, difference, tolerance, abs(difference) >= tolerance)
