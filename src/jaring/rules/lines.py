"""Building blocks shared by the contribution calculators: one line, relief factors, month merging."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from jaring.rules.money import HUNDRED, format_number, percent_of, round_rupiah
from jaring.rules.result import Line
from jaring.rules.table import month_end
from jaring.rules.trace import Trace


def percent_line(
    *,
    programme: str,
    payer: str,
    basis: Decimal,
    rate: Decimal,
    codes: tuple[str, ...],
    citation: str,
    label_id: str,
    label_en: str,
    month: date,
    funder: str | None = None,
) -> Line:
    # One rounding per line, half-up to the rupiah, after every multiplier (discount, relief) is applied.
    return Line(
        programme=programme,
        payer=payer,
        amount=round_rupiah(percent_of(basis, rate)),
        basis=basis,
        rate=rate,
        rule_codes=codes,
        citation=citation,
        label_id=label_id,
        label_en=label_en,
        period_from=month,
        period_to=month_end(month),
        funder=funder,
    )


def flat_line(
    *,
    programme: str,
    payer: str,
    flat: Decimal,
    factor: Decimal,
    codes: tuple[str, ...],
    citation: str,
    label_id: str,
    label_en: str,
    month: date,
    funder: str | None = None,
) -> Line:
    # A flat amount times the relief/discount factor (%), rounded half-up to the rupiah.
    return Line(
        programme=programme,
        payer=payer,
        amount=round_rupiah(percent_of(flat, factor)),
        flat=flat,
        rate=None if factor == HUNDRED else factor,
        rule_codes=codes,
        citation=citation,
        label_id=label_id,
        label_en=label_en,
        period_from=month,
        period_to=month_end(month),
        funder=funder,
    )


class Factor:
    """The multiplier (in %) a month applies to JKK/JKM, with the codes and words that explain it."""

    def __init__(self, percent: Decimal = HUNDRED, codes: tuple[str, ...] = (), id_: str = "", en: str = "") -> None:
        self.percent = percent
        self.codes = codes
        self.label_id = id_
        self.label_en = en

    def apply(self, rate: Decimal) -> Decimal:
        return rate * self.percent / HUNDRED

    def then(self, other: Factor) -> Factor:
        return Factor(
            self.percent * other.percent / HUNDRED,
            self.codes + other.codes,
            self.label_id + other.label_id,
            self.label_en + other.label_en,
        )


def pp49_factor(trace: Trace, month: date) -> Factor:
    """PP 49/2020 Pasal 3(2): JKK and JKM at 1% of normal for iuran months Aug 2020 - Jan 2021."""
    record = trace.find("PP49.JKK_JKM.FACTOR", month)
    if record is None:
        return Factor()
    return Factor(
        record.value,
        (record.code,),
        f" (keringanan PP 49/2020: {format_number(record.value)}% dari normal)",
        f" (PP 49/2020 relief: {record.value}% of normal)",
    )


def discount_factor(code: str, percent_off: Decimal, citation: str) -> Factor:
    kept = HUNDRED - percent_off
    return Factor(
        kept,
        (code,),
        f" (diskon {format_number(percent_off)}%, {citation})",
        f" ({percent_off}% discount, {citation})",
    )


def merge_months(lines: list[Line]) -> tuple[Line, ...]:
    """Consecutive months with the same line (programme, payer, basis, rate, rules) become one line."""
    merged: list[Line] = []
    index: dict[tuple[object, ...], int] = {}
    for line in lines:
        key = (
            line.programme,
            line.payer,
            line.component,
            line.basis,
            line.rate,
            line.flat,
            line.rule_codes,
            line.label_id,
            line.funder,
        )
        at = index.get(key)
        if at is not None and merged[at].period_to is not None and line.period_from is not None:
            previous = merged[at]
            assert previous.period_to is not None
            if (previous.period_to.toordinal() + 1) == line.period_from.toordinal():
                merged[at] = replace(
                    previous,
                    amount=previous.amount + line.amount,
                    months=previous.months + line.months,
                    period_to=line.period_to,
                )
                continue
        index[key] = len(merged)
        merged.append(line)
    return tuple(merged)
