"""The region's own coverage targets (RPJMD): the list for anyone who reads the dashboard, the form for the
Pemda's staff who may enter them."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from jaring.accounts.access import has_capability, require_capability
from jaring.accounts.roles import Cap
from jaring.coverage.scope import coverage_code, coverage_region_name
from jaring.coverage.targets import (
    FIRST_YEAR,
    LAST_YEAR,
    TargetInput,
    TargetRefused,
    region_target_remove,
    region_target_set,
    region_targets,
)


class PercentField(forms.DecimalField):
    """45,5 or 45.5 or 45,5% as typed on an Indonesian page."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.replace("%", "").replace(" ", "").replace(",", ".")
            try:
                Decimal(value or "0")
            except InvalidOperation:
                raise forms.ValidationError(_("Tulis target sebagai persen, mis. 45,5.")) from None
        return super().to_python(value)


class TargetForm(forms.Form):
    # Bounds and precision are the service's to judge (targets.region_target_set), with its own messages.
    year = forms.IntegerField(label=_("Tahun"), help_text=f"{FIRST_YEAR}–{LAST_YEAR}")
    percent = PercentField(label=_("Target cakupan (%)"), help_text=_("mis. 45,5"))
    citation = forms.CharField(label=_("Dasar (RPJMD)"), max_length=200, required=False)


def _page(request: HttpRequest, slug: str, code: str, form: TargetForm, status: int = 200) -> HttpResponse:
    context = {
        "slug": slug,
        "name": coverage_region_name(code),
        "targets": region_targets(code),
        "form": form,
        # RPJMD targets belong to provinces and regencies/cities: a district's page only lists.
        "may_edit": has_capability(request.user, Cap.TARGETS_EDIT) and code.count(".") <= 1,
        "own_level": code.count(".") <= 1,
    }
    return render(request, "coverage/targets.html", context, status=status)


@login_required
def targets(request: HttpRequest, slug: str) -> HttpResponse:
    require_capability(request.user, Cap.DASHBOARD_VIEW)
    code = coverage_code(request.user, slug)
    if request.method != "POST":
        return _page(request, slug, code, TargetForm())
    require_capability(request.user, Cap.TARGETS_EDIT)
    form = TargetForm(request.POST)
    if not form.is_valid():
        return _page(request, slug, code, form, status=400)
    data = form.cleaned_data
    try:
        region_target_set(
            actor=request.user,
            region_code=code,
            data=TargetInput(year=data["year"], percent=data["percent"], citation=data["citation"]),
        )
    except TargetRefused as refused:
        form.add_error(None, refused.message)
        return _page(request, slug, code, form, status=400)
    messages.success(request, _("Target tahun %(year)s disimpan.") % {"year": data["year"]})
    return redirect("coverage:targets", slug=slug)


@login_required
def target_remove(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    require_capability(request.user, Cap.TARGETS_EDIT)
    code = coverage_code(request.user, slug)
    if request.method != "POST":
        return redirect("coverage:targets", slug=slug)
    try:
        region_target_remove(actor=request.user, region_code=code, year=year)
    except TargetRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Target tahun %(year)s dihapus.") % {"year": year})
    return redirect("coverage:targets", slug=slug)
