"""The planner's what-if: the programme's plan with a changed budget, period, package or village quotas,
answered at once and never saved."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jaring.funding.forms import WhatIfForm
from jaring.funding.models import Programme
from jaring.funding.plan_page import left_out_workers, may_see_workers, plan_figures
from jaring.funding.planner import plan_programme, programme_months, programme_quotas
from jaring.funding.selectors import access_programme
from jaring.regions.models import Region


def region_villages(programme: Programme) -> dict[str, str]:
    villages = Region.objects.filter(level=4, code__startswith=f"{programme.region_id}.").order_by("name")
    return dict(villages.values_list("code", "name"))


@login_required
def plan(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = access_programme(request.user, programme_id)
    villages = region_villages(programme)
    form = WhatIfForm(request.GET or None, villages=villages)
    quotas = form.read_quotas(request.GET, programme_quotas(programme))
    context: dict[str, object] = {
        "programme": programme,
        "form": form,
        "villages": villages,
        "saved_months": programme_months(programme),
        "may_see_workers": may_see_workers(request.user),
    }
    if (not form.is_bound or form.is_valid()) and not form.quota_errors:
        what_if = form.what_if(quotas) if form.is_bound else None
        result = plan_programme(programme, what_if=what_if)
        context |= plan_figures(result, programme.start)
        context["left_out_rows"] = left_out_workers(request.user, programme, result)
        context["changed"] = form.is_bound
    template = "funding/_plan_result.html" if request.htmx else "funding/plan.html"  # type: ignore[attr-defined]
    return render(request, template, context)
