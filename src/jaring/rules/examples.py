"""Run a worked-example row (the ``worked-examples.csv`` format) against the engine.

Columns: case, calculation, on_date, segment, wage, income, risk_class, contract_value, programs
(``jkk+jkm``), extra (``key=value;flag``), expected_field, expected_value. ``extra`` keys starting
with ``config.`` set a ``RuleConfig`` option. ``expected_field`` is a programme key, ``total``, a
payer, a benefit component, ``cap``/``min``/``max`` for the JP rows, ``warning`` (a warning code that
must be present) or ``error`` (the ``RuleInputError`` code expected).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from dataclasses import fields, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from jaring.rules.benefit import calculate_benefit
from jaring.rules.config import DEFAULT_CONFIG, RuleConfig
from jaring.rules.contribution import calculate_contribution
from jaring.rules.errors import RuleInputError
from jaring.rules.inputs import BenefitInput, ContributionInput
from jaring.rules.money import decimal_string
from jaring.rules.pension import jp_benefit_bounds, jp_benefit_bounds_next, jp_wage_cap, jp_wage_cap_next
from jaring.rules.result import Result

FLAGS = {"wage_known", "wage_unknown", "padat_karya", "ad_hoc_election", "non_asn", "pmi_pre_placement", "total"}


def read_rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(line for line in handle if line.strip() and not line.startswith("#")):
            yield {k: (v or "").strip() for k, v in row.items()}


def parse_extra(text: str) -> dict[str, str]:
    extra: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        key, sep, value = part.partition("=")
        extra[key.strip()] = value.strip() if sep else "true"
    return extra


def _config(extra: Mapping[str, str]) -> RuleConfig:
    changes: dict[str, Any] = {}
    types = {f.name: f.type for f in fields(RuleConfig)}
    for key, value in extra.items():
        if not key.startswith("config."):
            continue
        name = key.removeprefix("config.")
        kind = str(types[name])
        if "bool" in kind:
            changes[name] = value in ("true", "yes", "1")
        elif "Decimal" in kind:
            changes[name] = Decimal(value)
        elif "date" in kind:
            changes[name] = date.fromisoformat(value)
        elif "int" in kind:
            changes[name] = int(value)
        else:
            changes[name] = value
    return replace(DEFAULT_CONFIG, **changes)


def _money(text: str) -> Decimal | None:
    return Decimal(text) if text else None


def _int(extra: Mapping[str, str], key: str) -> int | None:
    return int(extra[key]) if key in extra else None


def contribution_input(row: Mapping[str, str], extra: Mapping[str, str]) -> ContributionInput:
    return ContributionInput(
        segment=row["segment"],
        on=date.fromisoformat(row["on_date"]),
        wage=_money(row["wage"]),
        income=_money(row["income"]),
        risk_class=row["risk_class"] or None,
        contract_value=_money(row["contract_value"]),
        programs=frozenset(p for p in row["programs"].split("+") if p),
        months=_int(extra, "months"),
        padat_karya="padat_karya" in extra,
        sector=extra.get("sector", "other"),
        funder=extra.get("funder", "self"),
        wage_known="wage_known" in extra,
        ad_hoc_election="ad_hoc_election" in extra,
        non_asn="non_asn" in extra,
        pmi_pre_placement="pmi_pre_placement" in extra,
    )


def benefit_input(row: Mapping[str, str], extra: Mapping[str, str]) -> BenefitInput:
    return BenefitInput(
        kind=extra["benefit"],
        on=date.fromisoformat(row["on_date"]),
        segment=row["segment"] or "pu",
        # --wage is the wage (PU) or the declared income (BPU); the CSV keeps them in two columns.
        wage=_money(row["wage"] or row["income"]),
        contribution_months=_int(extra, "contribution_months"),
        children=_int(extra, "children") or 0,
        months_off_work=_int(extra, "months_off_work"),
        disability_percent=_money(extra.get("disability_percent", "")),
        total_disability="total" in extra,
        function_loss_percent=_money(extra.get("function_loss_percent", "")),
        consecutive_months=_int(extra, "consecutive_months"),
        balance=_money(extra.get("balance", "")),
        return_rate=_money(extra.get("return_rate", "")),
        jht_reason=extra.get("jht_reason", "full"),
    )


def compute(row: Mapping[str, str]) -> tuple[str, Result | None]:
    """The value the row's ``expected_field`` names, as a decimal string (or an error/warning code)."""
    extra = parse_extra(row["extra"])
    config = _config(extra)
    field = row["expected_field"]
    on = date.fromisoformat(row["on_date"]) if row["on_date"] else date(2015, 7, 1)
    result: Result | None = None
    try:
        calculation = row["calculation"]
        if calculation == "jp_wage_cap":
            if "previous_cap" in extra:
                value = jp_wage_cap_next(Decimal(extra["previous_cap"]), Decimal(extra["gdp_growth"]))
            else:
                value = jp_wage_cap(on)
            return decimal_string(value), None
        if calculation == "jp_benefit_bounds":
            if "previous_min" in extra:
                bounds = jp_benefit_bounds_next(
                    Decimal(extra["previous_min"]), Decimal(extra["previous_max"]), Decimal(extra["inflation"]), on
                )
            else:
                bounds = jp_benefit_bounds(on, config=config)
            return decimal_string(bounds.minimum if field == "min" else bounds.maximum), None
        if calculation == "contribution":
            result = calculate_contribution(contribution_input(row, extra), config)
        elif calculation == "benefit":
            result = calculate_benefit(benefit_input(row, extra), config)
        else:
            raise ValueError(f"unknown calculation {calculation!r}")
    except RuleInputError as error:
        return f"error:{error.code}", None
    if field == "warning":
        codes = {w.code for w in result.warnings}
        wanted = row["expected_value"]
        return (wanted if wanted in codes else ",".join(sorted(codes)) or "no warnings"), result
    return decimal_string(result.amount_of(field)), result


def expected(row: Mapping[str, str]) -> str:
    if row["expected_field"] == "error":
        return f"error:{row['expected_value']}"
    if row["expected_field"] == "warning":
        return row["expected_value"]
    return decimal_string(Decimal(row["expected_value"]))
