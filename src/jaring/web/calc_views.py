"""Kalkulator iuran, manfaat dan denda: the rules engine with its explanation and citations.

The form shows only the fields of the chosen segment (iuran) or benefit kind (manfaat): changing
the choice re-renders the form from the server (htmx swaps ``#calc-form``), so the page needs no
script of its own and works without htmx after a submit.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from jaring.rules.contribution import AVAILABLE
from jaring.rules.engine import (
    BENEFIT_KINDS,
    FUNDERS,
    RISK_CLASSES,
    SEGMENTS,
    RuleInputError,
    calculate_benefit,
    calculate_contribution,
    calculate_late_fine,
)
from jaring.rules.inputs import JHT_REASONS
from jaring.rules.parse import benefit_input, contribution_input, late_fine_fields

# Which inputs each segment reads (contribution) and each benefit kind reads (benefit).
CONTRIBUTION_FIELDS = {
    "pu": ("wage", "risk", "months", "programs", "padat_karya", "non_asn"),
    "bpu": ("income", "months", "programs", "funder", "sector", "ad_hoc_election"),
    "jakon": ("wage", "contract_value", "months", "programs"),
    "pmi": ("months", "pre_placement"),
}
BENEFIT_FIELDS = {
    "jkm": ("segment", "contribution_months", "children"),
    "jkk-death": ("segment", "wage", "children"),
    "jkk-stmb": ("segment", "wage", "months_off_work"),
    "jkk-disability": ("segment", "wage", "disability_percent", "function_loss_percent", "total"),
    "jkp": ("wage", "contribution_months", "consecutive_months", "months_off_work"),
    "jp": ("wage", "contribution_months", "balance", "return_rate"),
    "jht": ("segment", "wage", "contribution_months", "balance", "return_rate", "jht_reason"),
}
# A value of a field the choice does not show is dropped, so it never reaches the rules unseen.
_ALWAYS = ("kind", "on", "segment", "due", "due_date", "paid_on")


_DATE_FIELDS = ("on", "due_date", "paid_on")
_DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def iso_date(text: str) -> str:
    """A date typed as on every Indonesian form (17/08/2026, 17-08-2026) as the rules' YYYY-MM-DD; other
    text unchanged, for the rules to refuse with their own message."""
    found = _DAY_MONTH_YEAR.match(text)
    return f"{found[3]}-{int(found[2]):02d}-{int(found[1]):02d}" if found else text


def _fields(request: HttpRequest, shown: tuple[str, ...]) -> dict[str, object]:
    data: dict[str, object] = {k: v for k, v in request.GET.items() if k in shown or k in _ALWAYS}
    for name in _DATE_FIELDS:
        if isinstance(data.get(name), str):
            data[name] = iso_date(str(data[name]))
    if "programs" in shown:
        data["programs"] = ",".join(request.GET.getlist("programs"))
    if "pre_placement" in shown:
        # The form sends a hidden "0" before the checkbox's "1": the last value is the user's choice.
        data["pre_placement"] = request.GET.get("pre_placement", "1")
    return data


def _calculate(request: HttpRequest, kind: str, shown: tuple[str, ...]) -> dict[str, object]:
    fields = _fields(request, shown)
    try:
        if kind == "contribution":
            return {"result": calculate_contribution(contribution_input(fields))}
        if kind == "benefit":
            return {"result": calculate_benefit(benefit_input(fields))}
        due, deadline, paid_on = late_fine_fields(fields)
        return {"late": calculate_late_fine(due=due, due_date_given=deadline, paid_on=paid_on)}
    except RuleInputError as exc:
        return {"error": exc}


def _shown(request: HttpRequest, kind: str) -> tuple[str, ...]:
    if kind == "contribution":
        segment = request.GET.get("segment", "pu")
        return CONTRIBUTION_FIELDS.get(segment, CONTRIBUTION_FIELDS["pu"])
    if kind == "benefit":
        return BENEFIT_FIELDS.get(request.GET.get("kind", "jkm"), BENEFIT_FIELDS["jkm"])
    return ("due", "due_date", "paid_on")


@login_required
def calculator(request: HttpRequest, kind: str = "contribution") -> HttpResponse:
    shown = _shown(request, kind)
    segment = request.GET.get("segment") or "pu"
    today = timezone.localdate()
    context: dict[str, Any] = {
        "kind": kind,
        "values": request.GET,
        "shown": shown,
        "programs_checked": request.GET.getlist("programs"),
        "segments": SEGMENTS,
        "risks": list(RISK_CLASSES),
        "funders": FUNDERS,
        "programs": sorted(AVAILABLE.get(segment, AVAILABLE["pu"]), key=["jkk", "jkm", "jht", "jp", "jkp"].index),
        "benefit_kinds": BENEFIT_KINDS,
        "jht_reasons": JHT_REASONS,
        "today": f"{today:%d/%m/%Y}",
        "pre_placement": request.GET.get("pre_placement", "1") == "1",
    }
    # Changing the segment or benefit kind re-renders the form only: no calculation on half a form.
    form_only = bool(request.htmx and request.htmx.target == "calc-form")  # type: ignore[attr-defined]
    if request.GET and not form_only:
        context.update(_calculate(request, kind, shown))
        if "result" in context:
            context["explain"] = context["result"].explain("en" if (get_language() or "id").startswith("en") else "id")
    partial = request.htmx and not form_only  # type: ignore[attr-defined]
    return render(request, "web/_calc_result.html" if partial else "web/calculator.html", context)
