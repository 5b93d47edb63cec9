"""Results that explain themselves: lines, totals by programme and payer, warnings, text and JSON."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from jaring.rules.money import ZERO, decimal_string, format_number, format_rupiah
from jaring.rules.words import COMPONENT_ID, PAYER_ID

PROGRAMMES = ("JKK", "JKM", "JHT", "JP", "JKP")
PAYERS = ("employer", "worker", "government", "participant", "contractor")
COMPONENTS = ("lump_sum", "periodic", "funeral", "scholarship_max")


@dataclass(frozen=True, slots=True)
class Line:
    programme: str
    amount: Decimal
    label_id: str
    label_en: str
    rule_codes: tuple[str, ...]
    citation: str
    payer: str | None = None
    component: str | None = None
    basis: Decimal | None = None
    # A percentage ("%") or a multiplier of the basis ("×"); flat amounts use ``flat``.
    rate: Decimal | None = None
    rate_unit: Literal["%", "×"] = "%"
    flat: Decimal | None = None
    months: int = 1
    period_from: date | None = None
    period_to: date | None = None
    funder: str | None = None
    # False for a line shown for the record but never charged to anyone in the bill: the central
    # government's JKP share (PP 37/2021 Pasal 11) is paid from APBN, not by employer or worker.
    billed: bool = True

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "program": self.programme,
            "amount": decimal_string(self.amount),
            "basis": None if self.basis is None else decimal_string(self.basis),
            "rate": None if self.rate is None else decimal_string(self.rate),
            "rate_unit": None if self.rate is None else self.rate_unit,
            "flat": None if self.flat is None else decimal_string(self.flat),
            "months": self.months,
            "rule_codes": list(self.rule_codes),
            "citation": self.citation,
            "label_id": self.label_id,
            "label_en": self.label_en,
        }
        if self.payer is not None:
            data["payer"] = self.payer
        if self.component is not None:
            data["component"] = self.component
        if self.period_from is not None and self.period_to is not None:
            data["period_from"] = self.period_from.isoformat()
            data["period_to"] = self.period_to.isoformat()
        if self.funder is not None:
            data["funder"] = self.funder
        if not self.billed:
            data["billed"] = False
        return data

    def how(self, lang: str) -> str:
        """``0,89% × Rp 10.000.000`` or ``Rp 6.800 × 3 bulan``."""
        months = "" if self.months == 1 else (f" × {self.months} bulan" if lang == "id" else f" × {self.months} months")
        if self.rate is not None and self.basis is not None:
            unit = "%" if self.rate_unit == "%" else ""
            return f"{format_number(self.rate, lang)}{unit} × {format_rupiah(self.basis)}{months}"
        if self.flat is not None and self.rate is not None:
            return f"{format_rupiah(self.flat)} × {format_number(self.rate, lang)}%{months}"
        if self.flat is not None and (months or self.flat != self.amount):
            return f"{format_rupiah(self.flat)}{months}"
        return ""


@dataclass(frozen=True, slots=True)
class RuleWarning:
    code: str
    message_id: str
    message_en: str
    option: str | None = None

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "message_id": self.message_id,
            "message_en": self.message_en,
        }
        if self.option is not None:
            data["option"] = self.option
        return data


@dataclass(frozen=True, slots=True)
class Result:
    kind: Literal["contribution", "benefit"]
    lines: tuple[Line, ...]
    warnings: tuple[RuleWarning, ...] = ()
    title_id: str = ""
    title_en: str = ""
    notes: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    @property
    def total(self) -> Decimal:
        # A benefit's total excludes the scholarship, which is a maximum paid yearly over many years.
        return sum((ln.amount for ln in self.lines if ln.component != "scholarship_max" and ln.billed), ZERO)

    @property
    def by_programme(self) -> dict[str, Decimal]:
        totals = _sum_by(
            (ln.programme, ln.amount) for ln in self.lines if ln.component != "scholarship_max" and ln.billed
        )
        order = {name: i for i, name in enumerate(PROGRAMMES)}
        return dict(sorted(totals.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))

    @property
    def by_payer(self) -> dict[str, Decimal]:
        totals = _sum_by((ln.payer, ln.amount) for ln in self.lines if ln.payer is not None and ln.billed)
        return {name: totals[name] for name in PAYERS if name in totals}

    @property
    def components(self) -> dict[str, Decimal]:
        totals = dict.fromkeys(COMPONENTS, ZERO)
        for ln in self.lines:
            if ln.component is not None:
                totals[ln.component] += ln.amount
        return totals

    def amount_of(self, field_name: str) -> Decimal:
        """A programme key, ``total``, a payer or a benefit component: what the worked examples check."""
        if field_name == "total":
            return self.total
        if field_name.endswith(".line"):
            # Every line of a programme or payer, billed or not (the JKP government share).
            key = field_name.removesuffix(".line")
            return sum((ln.amount for ln in self.lines if key in (ln.programme, ln.payer)), ZERO)
        if field_name in COMPONENTS:
            return self.components[field_name]
        if field_name in PAYERS:
            return self.by_payer.get(field_name, ZERO)
        return self.by_programme.get(field_name, ZERO)

    def rule_codes(self) -> list[str]:
        return sorted({code for ln in self.lines for code in ln.rule_codes})

    def as_json(self) -> dict[str, Any]:
        common = {
            "lines": [ln.as_json() for ln in self.lines],
            "warnings": [w.as_json() for w in self.warnings],
        }
        if self.kind == "benefit":
            return {
                "total": decimal_string(self.total),
                "components": {k: decimal_string(v) for k, v in self.components.items()},
                **common,
            }
        return {
            "total": decimal_string(self.total),
            "by_program": {k: decimal_string(v) for k, v in self.by_programme.items()},
            "by_payer": {k: decimal_string(v) for k, v in self.by_payer.items()},
            **common,
        }

    def explain(self, lang: str = "id") -> str:
        """Readable text in Indonesian (default) or English: every line with its rule and citation."""
        en = lang == "en"
        out = [self.title_en if en else self.title_id] if (self.title_en or self.title_id) else []
        for ln in self.lines:
            who = ""
            if ln.payer is not None:
                who = ln.payer if en else PAYER_ID.get(ln.payer, ln.payer)
            elif ln.component is not None:
                who = ln.component.replace("_", " ") if en else COMPONENT_ID[ln.component]
            how = ln.how(lang)
            label = ln.label_en if en else ln.label_id
            out.append(
                f"- {ln.programme} · {who} · {label}: {how + ' = ' if how else ''}{format_rupiah(ln.amount)}"
                f"  [{', '.join(ln.rule_codes)}; {ln.citation}]"
            )
        if self.kind == "contribution":
            parts = ", ".join(f"{k} {format_rupiah(v)}" for k, v in self.by_programme.items())
            payers = ", ".join(
                f"{k if en else PAYER_ID.get(k, k)} {format_rupiah(v)}" for k, v in self.by_payer.items()
            )
            out.append(f"{'By programme' if en else 'Per program'}: {parts}")
            out.append(f"{'By payer' if en else 'Per pembayar'}: {payers}")
        else:
            scholarship = self.components["scholarship_max"]
            if scholarship:
                out.append(
                    f"{'Scholarship up to' if en else 'Beasiswa paling banyak'} {format_rupiah(scholarship)} "
                    f"({'paid yearly, not in the total' if en else 'dibayar per tahun, tidak termasuk total'})"
                )
        out.append(f"{'Total' if en else 'Jumlah'}: {format_rupiah(self.total)}")
        for note_id, note_en in self.notes:
            out.append(f"{'Note' if en else 'Catatan'}: {note_en if en else note_id}")
        for w in self.warnings:
            out.append(f"{'Warning' if en else 'Peringatan'} {w.code}: {w.message_en if en else w.message_id}")
        return "\n".join(out)


def _sum_by(pairs: Iterable[tuple[str | None, Decimal]]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for key, amount in pairs:
        if key is not None:
            totals[key] = totals.get(key, ZERO) + amount
    return totals
