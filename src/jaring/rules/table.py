"""Dated rate records and their lookup by date.

Every rate, cap, flat amount, tier and benefit figure is one ``RateRecord``: a stable code, a value,
the dates it is in force, the regulation it comes from, and how sure the reference is of it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from jaring.rules.errors import RuleInputError

Status = Literal["confirmed", "derived", "unconfirmed"]
STATUSES: tuple[Status, ...] = ("confirmed", "derived", "unconfirmed")

# Units a record's value is expressed in; docs and explanations print them.
Unit = Literal["%", "Rp", "×", "bulan", "tahun", "hari"]

# PP 44/2015, PP 45/2015 and PP 46/2015 took effect on 1 July 2015: nothing earlier is modelled.
EPOCH = date(2015, 7, 1)


@dataclass(frozen=True, slots=True)
class RateRecord:
    code: str
    value: Decimal
    unit: Unit
    effective_from: date
    effective_to: date | None
    citation: str
    status: Status
    description_id: str
    description_en: str
    sources: tuple[str, ...] = ()
    # Bands and marginal tiers: lower bound inclusive, upper bound exclusive (None = open).
    lower: Decimal | None = None
    upper: Decimal | None = None

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)


@dataclass(frozen=True, slots=True)
class Family:
    """One family of rules: a docs page and a module of records."""

    slug: str
    title_id: str
    title_en: str
    intro_en: str
    records: tuple[RateRecord, ...] = field(default_factory=tuple)


class RateBook:
    """All records, indexed by code, looked up by date."""

    def __init__(self, records: Iterable[RateRecord]) -> None:
        self._by_code: dict[str, list[RateRecord]] = {}
        for record in records:
            self._by_code.setdefault(record.code, []).append(record)
        for code, versions in self._by_code.items():
            versions.sort(key=lambda r: r.effective_from)
            for earlier, later in itertools.pairwise(versions):
                if earlier.effective_to is None or earlier.effective_to >= later.effective_from:
                    raise ValueError(f"overlapping versions of {code}")

    def codes(self) -> list[str]:
        return sorted(self._by_code)

    def versions(self, code: str) -> list[RateRecord]:
        return list(self._by_code.get(code, ()))

    def records(self) -> list[RateRecord]:
        return [r for code in self.codes() for r in self._by_code[code]]

    def find(self, code: str, on: date) -> RateRecord | None:
        for record in self._by_code.get(code, ()):
            if record.in_force(on):
                return record
        return None

    def get(self, code: str, on: date) -> RateRecord:
        record = self.find(code, on)
        if record is None:
            raise RuleInputError(
                "NO_RULE_IN_FORCE",
                f"Aturan {code} tidak berlaku pada {on:%d/%m/%Y}.",
                f"Rule {code} is not in force on {on.isoformat()}.",
            )
        return record

    def latest_before(self, code: str, on: date) -> RateRecord | None:
        """The newest version that started on or before ``on`` (for carrying a known figure forward)."""
        found = None
        for record in self._by_code.get(code, ()):
            if record.effective_from <= on:
                found = record
        return found

    def prefix(self, prefix: str, on: date) -> list[RateRecord]:
        """Every record in force on ``on`` whose code starts with ``prefix``, by lower bound."""
        found = [r for code, rs in self._by_code.items() if code.startswith(prefix) for r in rs if r.in_force(on)]
        return sorted(found, key=lambda r: (r.lower if r.lower is not None else Decimal(0), r.code))


def month_start(on: date) -> date:
    return on.replace(day=1)


def month_end(on: date) -> date:
    return add_months(month_start(on), 1) - timedelta(days=1)


def add_months(on: date, months: int) -> date:
    """The same day ``months`` later, clamped to that month's last day."""
    year, month0 = divmod(on.year * 12 + on.month - 1 + months, 12)
    first = date(year, month0 + 1, 1)
    last_day = (date(year + (month0 + 1) // 12, (month0 + 1) % 12 + 1, 1) - timedelta(days=1)).day
    return first.replace(day=min(on.day, last_day))


def months_between(start: date, end: date) -> int:
    """Whole iuran months from ``start``'s month to ``end``'s month."""
    return (end.year - start.year) * 12 + end.month - start.month


def rec(
    code: str,
    value: str | int,
    unit: Unit,
    effective_from: date,
    effective_to: date | None,
    citation: str,
    status: Status,
    description_id: str,
    description_en: str,
    *sources: str,
    lower: str | int | None = None,
    upper: str | int | None = None,
) -> RateRecord:
    """Terse constructor for the rate modules (values as strings or ints, never floats)."""
    return RateRecord(
        code=code,
        value=Decimal(value),
        unit=unit,
        effective_from=effective_from,
        effective_to=effective_to,
        citation=citation,
        status=status,
        description_id=description_id,
        description_en=description_en,
        sources=tuple(sources),
        lower=None if lower is None else Decimal(lower),
        upper=None if upper is None else Decimal(upper),
    )
