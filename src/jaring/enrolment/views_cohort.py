"""The cohort's pages: the status board with its member list, the verification losses, adjustments."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jaring.accounts.access import NotInScope, has_capability, scope_code
from jaring.accounts.roles import Cap
from jaring.enrolment.adjust import running_membership_by_nik, worker_by_nik
from jaring.enrolment.board import STATUSES, cohort_board, cohort_members
from jaring.enrolment.exchange_jobs import may_see_exchange
from jaring.enrolment.forms import ADJUST_FORMS, AddForm, CancelForm, ReplaceForm
from jaring.enrolment.funnel import By, programme_funnel
from jaring.enrolment.lifecycle import membership_add, membership_change_status, membership_replace
from jaring.enrolment.models import Status
from jaring.enrolment.services import EnrolmentRefused, programme_period
from jaring.funding.models import Programme
from jaring.funding.selectors import access_programme, may_edit_programme
from jaring.regions.models import Region
from jaring.rules.nik import mask_nik

PER_PAGE = 50


def _within(user: Any, programme: Programme) -> str | None:
    """A user below the programme's region (a village operator) sees only that part of it."""
    scope = scope_code(user)
    if scope is not None and scope.startswith(f"{programme.region_id}."):
        return scope
    return None


@login_required
def cohort(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = access_programme(request.user, programme_id)
    status, village = request.GET.get("status", ""), request.GET.get("village", "")
    board = cohort_board(request.user, programme)
    page = Paginator(cohort_members(request.user, programme, status=status, village=village), PER_PAGE)
    members = page.get_page(request.GET.get("page"))
    query = "&".join(f"{k}={v}" for k, v in (("status", status), ("village", village)) if v)
    context = {
        "programme": programme,
        "period": programme_period(programme),
        "board": board,
        "statuses": STATUSES,
        "members": members,
        "filter_status": status,
        "filter_village": village,
        "query": query,
        "link_workers": has_capability(request.user, Cap.WORKERS_VIEW),
        "may_edit": may_edit_programme(request.user, programme),
        "show_exchange": may_see_exchange(request.user, programme),
        "forms": {"add": AddForm(), "replace": ReplaceForm(), "cancel": CancelForm()},
    }
    template = "enrolment/_members.html" if request.htmx else "enrolment/cohort.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
def funnel(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = access_programme(request.user, programme_id)
    by: By = "source" if request.GET.get("by") == "source" else "village"
    within = _within(request.user, programme)
    data = programme_funnel(programme, by=by, within=within)
    region = Region.objects.filter(pk=within).first() if within else None
    return render(
        request,
        "enrolment/funnel.html",
        {
            "programme": programme,
            "funnel": data,
            "by": by,
            "within": region,
            "show_exchange": may_see_exchange(request.user, programme),
        },
    )


@require_POST
@login_required
def adjust(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = access_programme(request.user, programme_id)
    if not may_edit_programme(request.user, programme):
        raise PermissionDenied("Peran Anda tidak mengizinkan menyesuaikan kohort program ini.")
    action = request.POST.get("action", "")
    form_class = ADJUST_FORMS.get(action)
    if form_class is None:
        raise PermissionDenied("Tindakan tidak dikenal.")
    form = form_class(request.POST)
    if not form.is_valid():
        errors = "; ".join(
            f"{form.fields[f].label}: {' '.join(str(x) for x in e)}" for f, e in form.errors.items() if f in form.fields
        )
        messages.error(request, f"Periksa isian: {errors}")
        return redirect("enrolment:cohort", programme_id=programme.pk)
    data = form.cleaned_data
    try:
        done = _apply(request.user, programme, action, data)
    except (EnrolmentRefused, NotInScope) as exc:
        messages.error(request, getattr(exc, "message", str(exc)))
    else:
        messages.success(request, done)
    return redirect("enrolment:cohort", programme_id=programme.pk)


def _apply(user: Any, programme: Programme, action: str, data: dict[str, Any]) -> str:
    if action == "add":
        worker = worker_by_nik(user, data["nik"])
        m = membership_add(actor=user, programme=programme, worker=worker, reason=data["reason"], start=data["start"])
        return f"{worker.name} ({mask_nik(worker.nik)}) ditambahkan mulai {m.start:%d/%m/%Y}."
    membership = running_membership_by_nik(user, programme, data["nik"])
    if action == "replace":
        worker = worker_by_nik(user, data["new_nik"])
        new = membership_replace(actor=user, membership=membership, worker=worker, reason=data["reason"], on=data["on"])
        return (
            f"{membership.worker.name} diganti oleh {worker.name} ({mask_nik(worker.nik)}) mulai {new.start:%d/%m/%Y}."
        )
    membership_change_status(actor=user, membership=membership, status=Status.CANCELLED, reason=data["reason"])
    return f"Kepesertaan {membership.worker.name} ({mask_nik(membership.worker.nik)}) dibatalkan."
