"""Kalkulator iuran dan manfaat: the rules engine with its explanation and citations."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from jaring.rules.engine import (
    BENEFIT_KINDS,
    FUNDERS,
    PROGRAMS,
    RISK_CLASSES,
    SEGMENTS,
    RuleInputError,
    calculate_benefit,
    calculate_contribution,
)
from jaring.rules.parse import benefit_input, contribution_input


def _fields(request: HttpRequest) -> dict[str, object]:
    data: dict[str, object] = {k: v for k, v in request.GET.items() if k != "programs"}
    data["programs"] = ",".join(request.GET.getlist("programs"))
    return data


def _calculate(request: HttpRequest, kind: str) -> dict[str, object]:
    if not request.GET:
        return {}
    try:
        if kind == "contribution":
            return {"result": calculate_contribution(contribution_input(_fields(request)))}
        return {"result": calculate_benefit(benefit_input(_fields(request)))}
    except RuleInputError as exc:
        return {"error": exc}


@login_required
def calculator(request: HttpRequest, kind: str = "contribution") -> HttpResponse:
    context = {
        "kind": kind,
        "values": request.GET,
        "programs_checked": request.GET.getlist("programs"),
        "segments": SEGMENTS,
        "risks": list(RISK_CLASSES),
        "funders": FUNDERS,
        "programs": PROGRAMS,
        "benefit_kinds": BENEFIT_KINDS,
        "today": timezone.localdate().isoformat(),
        **_calculate(request, kind),
    }
    template = "web/_calc_result.html" if request.htmx else "web/calculator.html"  # type: ignore[attr-defined]
    return render(request, template, context)
