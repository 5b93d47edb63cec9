"""Text fields (CLI flags, API JSON, a web form) to rule inputs: one parser for every interface.

Values arrive as strings or None. Each bad value raises RuleInputError with an Indonesian message,
so the CLI exits 2, the API answers 400 and the page shows the message: never a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation

from jaring.rules.errors import RuleInputError
from jaring.rules.inputs import (
    BENEFIT_KINDS,
    FUNDERS,
    JHT_REASONS,
    PROGRAMS,
    SECTORS,
    SEGMENTS,
    BenefitInput,
    ContributionInput,
)
from jaring.rules.money import HUNDRED
from jaring.rules.money_text import parse_rupiah
from jaring.rules.rates.pu import RISK_CLASSES

Fields = Mapping[str, object]
_MAX_COUNT = Decimal(1_000_000)


def _text(fields: Fields, name: str) -> str | None:
    value = fields.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return str(value).strip()


def _choice(fields: Fields, name: str, choices: tuple[str, ...] | list[str], default: str | None = None) -> str:
    value = _text(fields, name) or default
    if value is None:
        raise RuleInputError(f"MISSING_{name.upper()}", f"{name} wajib diisi.", f"{name} is required.")
    if value not in choices:
        raise RuleInputError(
            f"UNKNOWN_{name.upper()}",
            f"{name} {value!r} tidak dikenal; pilihan: {', '.join(choices)}.",
            f"Unknown {name} {value!r}; choose one of: {', '.join(choices)}.",
        )
    return value


def _date(fields: Fields, name: str = "on") -> date:
    value = _text(fields, name)
    if value is None:
        raise RuleInputError("MISSING_DATE", "Tanggal wajib diisi (format YYYY-MM-DD).", "A date is required.")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise RuleInputError(
            "INVALID_DATE",
            f"Tanggal {value!r} tidak sah: pakai YYYY-MM-DD.",
            f"Invalid date {value!r}: use YYYY-MM-DD.",
        ) from exc


def _money(fields: Fields, name: str) -> Decimal | None:
    """A rupiah amount as the importer reads it (``Rp 1.000.000``, ``1.000.000``, ``Rp1.000.000,00``)."""
    value = _text(fields, name)
    if value is None:
        return None
    amount = parse_rupiah(value)
    return amount if amount is not None else _decimal(fields, name)


def _decimal(fields: Fields, name: str) -> Decimal | None:
    """A plain number (a percentage, a count): ``2,5`` or ``2.5``; ``1e30`` reaches the range checks."""
    value = _text(fields, name)
    if value is None:
        return None
    if value.count(",") == 1 and "." not in value:
        value = value.replace(",", ".")
    try:
        amount = Decimal(value.replace("_", ""))
    except InvalidOperation as exc:
        raise RuleInputError(
            "NOT_A_NUMBER", f"{name} {value!r} bukan angka rupiah.", f"{name} {value!r} is not a rupiah amount."
        ) from exc
    if not amount.is_finite():
        raise RuleInputError("NOT_A_NUMBER", f"{name} {value!r} bukan angka rupiah.", f"{name} is not a number.")
    return amount


def _int(fields: Fields, name: str) -> int | None:
    amount = _decimal(fields, name)
    if amount is None:
        return None
    # int() of 1e999999999 would build a billion-digit number (and rounding it overflows the decimal
    # context); every count here is far below this bound.
    if amount.copy_abs() > _MAX_COUNT:  # copy_abs is exact; abs() rounds to the context and may overflow
        raise RuleInputError("NUMBER_TOO_LARGE", f"{name} terlalu besar.", f"{name} is too large.")
    if amount != amount.to_integral_value():
        raise RuleInputError("NOT_A_WHOLE_NUMBER", f"{name} harus bilangan bulat.", f"{name} must be a whole number.")
    return int(amount)


def _flag(fields: Fields, name: str, default: bool = False) -> bool:
    value = fields.get(name)
    if isinstance(value, bool):
        return value
    if value is None or not str(value).strip():
        return default
    return str(value).strip().lower() in {"1", "true", "yes", "ya", "on"}


def _percent_as_fraction(fields: Fields, name: str) -> Decimal | None:
    """``5`` or ``5,5`` (% a year, as people say it) to the fraction the rules take (0.05)."""
    value = _decimal({name: str(fields.get(name) or "").strip().removesuffix("%")}, name)
    return None if value is None else value / HUNDRED


def _programs(fields: Fields) -> frozenset[str]:
    raw = fields.get("programs")
    items = raw if isinstance(raw, list | tuple | set | frozenset) else str(raw or "").replace("+", ",").split(",")
    programs = frozenset(str(p).strip().lower() for p in items if str(p).strip())
    unknown = sorted(programs - set(PROGRAMS))
    if unknown:
        raise RuleInputError(
            "UNKNOWN_PROGRAM",
            f"Program {', '.join(unknown)} tidak dikenal; pilihan: {', '.join(PROGRAMS)}.",
            f"Unknown programme {', '.join(unknown)}; choose from {', '.join(PROGRAMS)}.",
        )
    return programs


def contribution_input(fields: Fields) -> ContributionInput:
    risk = _text(fields, "risk")
    if risk is not None and risk not in RISK_CLASSES:
        raise RuleInputError(
            "UNKNOWN_RISK_CLASS",
            f"Kelas risiko {risk!r} tidak dikenal; pilihan: {', '.join(RISK_CLASSES)}.",
            f"Unknown risk class {risk!r}; choose from {', '.join(RISK_CLASSES)}.",
        )
    segment = _choice(fields, "segment", SEGMENTS)
    return ContributionInput(
        segment=segment,
        on=_date(fields),
        wage=_money(fields, "wage"),
        income=_money(fields, "income"),
        risk_class=risk,
        contract_value=_money(fields, "contract_value"),
        programs=_programs(fields),
        months=_int(fields, "months"),
        padat_karya=_flag(fields, "padat_karya"),
        sector=_choice(fields, "sector", SECTORS, "other"),
        funder=_choice(fields, "funder", FUNDERS, "self"),
        non_asn=_flag(fields, "non_asn"),
        ad_hoc_election=_flag(fields, "ad_hoc_election"),
        # --segment pmi --months N answers for the whole placement: before it and during/after it.
        pmi_pre_placement=segment == "pmi" and _flag(fields, "pre_placement", default=True),
    )


def benefit_input(fields: Fields) -> BenefitInput:
    return BenefitInput(
        kind=_choice(fields, "kind", BENEFIT_KINDS),
        on=_date(fields),
        segment=_choice(fields, "segment", SEGMENTS, "pu"),
        wage=_money(fields, "wage"),
        contribution_months=_int(fields, "contribution_months"),
        children=_int(fields, "children") or 0,
        months_off_work=_int(fields, "months_off_work"),
        disability_percent=_decimal(fields, "disability_percent"),
        total_disability=_flag(fields, "total"),
        function_loss_percent=_decimal(fields, "function_loss_percent"),
        consecutive_months=_int(fields, "consecutive_months"),
        balance=_money(fields, "balance"),
        return_rate=_percent_as_fraction(fields, "return_rate"),
        jht_reason=_choice(fields, "jht_reason", JHT_REASONS, "full"),
    )


def late_fine_fields(fields: Fields) -> tuple[Decimal, date, date]:
    """`--due`, `--due-date`, `--paid-on` as the late-fine calculation takes them."""
    due = _money(fields, "due")
    if due is None:
        raise RuleInputError("MISSING_AMOUNT", "Iuran terutang wajib diisi.", "The iuran due is required.")
    return due, _date(fields, "due_date"), _date(fields, "paid_on")
