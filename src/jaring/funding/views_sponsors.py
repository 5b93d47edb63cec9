"""The region's sponsors and their budget lines, with the forms that add them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jaring.accounts.access import NotInScope, has_capability, require_capability, scope_code
from jaring.accounts.roles import Cap
from jaring.funding.forms import BudgetLineForm, SponsorForm
from jaring.funding.selectors import access_sponsor, sponsors_for
from jaring.funding.services import FundingRefused, budget_line_create, sponsor_create
from jaring.funding.sponsor_members import (
    access_sponsor_user,
    may_manage_members,
    sponsor_member_add,
    sponsor_member_remove,
    sponsor_user_candidates,
)

SPONSOR_FIELD = {"SPONSOR.NAME": "name", "SPONSOR.KIND": "kind", "SPONSOR.EXISTS": "name"}
LINE_FIELD = {"BUDGET_LINE.YEAR": "fiscal_year", "BUDGET_LINE.AMOUNT": "amount", "BUDGET_LINE.REVISION": "revision"}


def _page(
    request: HttpRequest,
    sponsor_form: SponsorForm | None = None,
    line_form: BudgetLineForm | None = None,
    status: int = 200,
) -> HttpResponse:
    sponsors = list(sponsors_for(request.user).prefetch_related("members"))
    may_edit = has_capability(request.user, Cap.PROGRAMMES_EDIT) and scope_code(request.user) is not None
    # The sponsors whose users this administrator links (its region's, not the province's above it).
    manage = {s.pk for s in sponsors if may_manage_members(request.user, s)}
    # Lines are added to the region's own sponsors only, not to the province's above it.
    own = [(s.pk, f"{s.name} ({s.get_kind_display()})") for s in sponsors if _own(request, s.region_id)]
    context = {
        "sponsors": sponsors,
        "may_edit": may_edit,
        "sponsor_form": sponsor_form or SponsorForm(),
        "line_form": line_form or BudgetLineForm(sponsors=own),
        "manage": manage,
        "candidates": list(sponsor_user_candidates(request.user)) if manage else [],
    }
    return render(request, "funding/sponsor_list.html", context, status=status)


def _own(request: HttpRequest, region_code: str) -> bool:
    scope = scope_code(request.user)
    return scope is None or region_code == scope or region_code.startswith(f"{scope}.")


@login_required
def sponsor_list(request: HttpRequest) -> HttpResponse:
    return _page(request)


@require_POST
@login_required
def sponsor_add(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, Cap.PROGRAMMES_EDIT)
    form = SponsorForm(request.POST)
    region = scope_code(request.user)
    if form.is_valid() and region is not None:
        try:
            sponsor = sponsor_create(actor=request.user, inp=form.sponsor_input(region))
        except FundingRefused as refused:
            form.add_error(SPONSOR_FIELD.get(refused.code), refused.message)
        else:
            messages.success(request, f"Sponsor {sponsor.name} dicatat.")
            return redirect("funding:sponsors")
    return _page(request, sponsor_form=form, status=400)


@require_POST
@login_required
def budget_line_add(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, Cap.PROGRAMMES_EDIT)
    posted = request.POST.get("sponsor", "")
    if posted.isdigit():
        # Another region's sponsor is not found (404), not an invalid choice.
        access_sponsor(request.user, int(posted))
    sponsors = [(s.pk, s.name) for s in sponsors_for(request.user) if _own(request, s.region_id)]
    form = BudgetLineForm(request.POST, sponsors=sponsors)
    if form.is_valid():
        sponsor = access_sponsor(request.user, form.cleaned_data["sponsor"])
        try:
            line = budget_line_create(actor=request.user, sponsor=sponsor, inp=form.line_input())
        except FundingRefused as refused:
            form.add_error(LINE_FIELD.get(refused.code), refused.message)
        else:
            messages.success(request, f"Anggaran {sponsor.name} tahun {line.fiscal_year} dicatat.")
            return redirect("funding:sponsors")
    return _page(request, line_form=form, status=400)


def _back(sponsor_id: int) -> HttpResponse:
    return redirect(f"{reverse('funding:sponsors')}#sponsor-{sponsor_id}")


@require_POST
@login_required
def sponsor_member_add_view(request: HttpRequest, sponsor_id: int) -> HttpResponse:
    sponsor = access_sponsor(request.user, sponsor_id)
    if not may_manage_members(request.user, sponsor):
        raise PermissionDenied("Hanya administrator wilayah sponsor yang dapat mengatur penggunanya.")
    posted = request.POST.get("user", "")
    if not posted.isdigit():
        messages.error(request, "Pilih pengguna pemberi dana yang akan ditautkan.")
        return _back(sponsor.pk)
    member = access_sponsor_user(request.user, int(posted))
    try:
        sponsor_member_add(actor=request.user, sponsor=sponsor, member=member)
    except FundingRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"{member} kini mewakili {sponsor.name}.")
    return _back(sponsor.pk)


@require_POST
@login_required
def sponsor_member_remove_view(request: HttpRequest, sponsor_id: int, user_id: int) -> HttpResponse:
    sponsor = access_sponsor(request.user, sponsor_id)
    if not may_manage_members(request.user, sponsor):
        raise PermissionDenied("Hanya administrator wilayah sponsor yang dapat mengatur penggunanya.")
    member = sponsor.members.filter(pk=user_id).first()
    if member is None:
        raise NotInScope(f"Pengguna nomor {user_id} tidak mewakili sponsor ini.")
    sponsor_member_remove(actor=request.user, sponsor=sponsor, member=member)
    messages.success(request, f"{member} tidak lagi mewakili {sponsor.name}.")
    return _back(sponsor.pk)
