"""Text fields (CLI flags, API JSON, the planner form) to the arguments of ``plan_budget``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from jaring.rules.budget import DEFAULT_FUNDER, DEFAULT_INCOME, PACKAGES
from jaring.rules.errors import RuleInputError
from jaring.rules.inputs import FUNDERS
from jaring.rules.parse import _choice, _date, _int, _money

Fields = Mapping[str, object]


def budget_fields(fields: Fields, *, today: date) -> dict[str, Any]:
    """Keyword arguments of ``plan_budget``; the defaults of the issue's interface fill what is blank."""
    budget = _money(fields, "budget")
    if budget is None:
        raise RuleInputError("MISSING_BUDGET", "Anggaran (--budget) wajib diisi.", "The budget is required.")
    months = _int(fields, "months")
    if months is None:
        raise RuleInputError("MISSING_MONTHS", "Jumlah bulan (--months) wajib diisi.", "The months are required.")
    income = _money(fields, "income")
    return {
        "budget": budget,
        "months": months,
        "package": _choice(fields, "package", tuple(PACKAGES), "bpu-basic"),
        "income": DEFAULT_INCOME if income is None else income,
        "funder": _choice(fields, "funder", FUNDERS, DEFAULT_FUNDER),
        "on": _date(fields) if fields.get("on") else today,
    }
