"""Programme pages: the list, one programme, and the form that creates one."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from jaring.accounts.access import has_capability, require_capability, scope_code
from jaring.accounts.roles import Cap, Role
from jaring.funding.forms import ProgrammeForm, ShareFormSet, shares_from
from jaring.funding.models import Programme
from jaring.funding.plan_page import plan_figures
from jaring.funding.planner import PRIORITY_KEYS, plan_programme, programme_months
from jaring.funding.selectors import (
    access_programme,
    may_edit_programme,
    member_counts,
    membership_status_labels,
    programme_rows,
)
from jaring.funding.services import FundingRefused, programme_create
from jaring.regions.models import Region
from jaring.registry.models import Occupation
from jaring.rules.table import add_months

# Which field of the form a refusal of programme_create belongs beside; others go above the sponsors.
REFUSAL_FIELD = {
    "PROGRAMME.NAME": "name",
    "PROGRAMME.SEGMENT": "segment",
    "PROGRAMME.PACKAGE": "package",
    "PROGRAMME.PERIOD": "months",
    "PROGRAMME.WAGE": "wage",
    "PROGRAMME.BUDGET": "budget",
    "PROGRAMME.MAX_AGE": "max_age",
    "PROGRAMME.CLOSED_YEAR": "start",
    "PROGRAMME.REGION": None,
}


def _cohort_url(programme_id: int) -> str:
    # The cohort page is another page's work: linked by name once it exists, by its path until then.
    try:
        return reverse("enrolment:cohort", args=[programme_id])
    except NoReverseMatch:
        return f"/program/{programme_id}/kohort/"


def _period_end(programme: Programme) -> date:
    # As enrolment.services.programme_period counts it (that app sits above this one).
    if programme.months is not None:
        return add_months(programme.start, int(programme.months)) - timedelta(days=1)
    return programme.start + timedelta(days=int(programme.days or 1) - 1)


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = list(programme_rows(request.user))
    counts = member_counts(request.user, programmes)
    labels = membership_status_labels()
    rows = [
        {
            "programme": p,
            "end": _period_end(p),
            "members": [(labels[s], counts[p.pk][s]) for s in labels if s in counts.get(p.pk, {})],
        }
        for p in programmes
    ]
    may_create = has_capability(request.user, Cap.PROGRAMMES_EDIT)
    return render(request, "funding/programme_list.html", {"rows": rows, "may_create": may_create})


@login_required
def programme_detail(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = access_programme(request.user, programme_id)
    shares = programme.sponsors.select_related("sponsor", "budget_line").order_by("-share", "pk")
    quotas = list(programme.quotas.order_by("village_id"))
    names = dict(Region.objects.filter(code__in=[q.village_id for q in quotas]).values_list("code", "name"))
    occupations = list(Occupation.objects.filter(code__in=programme.occupations).values_list("name", flat=True))
    plan = plan_programme(programme)
    counts = member_counts(request.user, [programme]).get(programme.pk, {})
    labels = membership_status_labels()
    context = {
        "programme": programme,
        "end": _period_end(programme),
        "billed_months": programme_months(programme),
        "shares": shares,
        "quotas": [(names.get(q.village_id, q.village_id), q) for q in quotas],
        "occupations": occupations,
        "priority": [PRIORITY_KEYS[k] for k in programme.priority or [] if k in PRIORITY_KEYS],
        "members": [(labels[s], counts[s]) for s in labels if s in counts],
        "may_edit": may_edit_programme(request.user, programme),
        "cohort_url": _cohort_url(programme.pk),
        # Reconciliation (billing, above this app) is for the region's billing staff, never a sponsor.
        "may_reconcile": has_capability(request.user, Cap.BILLING_VIEW)
        and getattr(request.user, "role", "") != Role.SPONSOR,
        **plan_figures(plan, programme.start),
    }
    return render(request, "funding/programme_detail.html", context)


@login_required
def programme_new(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, Cap.PROGRAMMES_EDIT)
    form = ProgrammeForm(request.POST or None)
    shares = ShareFormSet(request.POST or None, prefix="sponsor")
    share_error = ""
    if request.method == "POST" and form.is_valid() and shares.is_valid():
        region = scope_code(request.user)
        try:
            if region is None:
                raise FundingRefused(
                    "PROGRAMME.REGION", "Akun nasional tidak terikat wilayah: buat program dari wilayahnya."
                )
            programme = programme_create(actor=request.user, inp=form.programme_input(region, shares_from(shares)))
        except FundingRefused as refused:
            field = REFUSAL_FIELD.get(refused.code, "sponsors")
            if field == "sponsors":
                share_error = refused.message
            else:
                form.add_error(field, refused.message)
        else:
            messages.success(request, f"Program {programme.name} dibuat.")
            return redirect("funding:programme", programme_id=programme.pk)
    return render(request, "funding/programme_form.html", {"form": form, "shares": shares, "share_error": share_error})
