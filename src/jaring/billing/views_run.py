"""Starting a month's billing run from the page ("Buat tagihan") and watching it as a job."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jaring.accounts.access import require_capability
from jaring.accounts.roles import Cap
from jaring.billing.forms import BillRunForm
from jaring.billing.refusal import BillingRefused
from jaring.billing.run_jobs import billing_job_start
from jaring.billing.selectors import access_billing_job, access_billing_sponsor, billing_jobs_for, billing_sponsors_for
from jaring.billing.words import month_label


def _form(request: HttpRequest, data: object = None) -> BillRunForm:
    sponsors = [(s.pk, s.name) for s in billing_sponsors_for(request.user).order_by("name")]
    return BillRunForm(data, sponsors=sponsors)


@login_required
def run(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, Cap.BILLING_EDIT)
    form = _form(request, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        sponsor_id = form.cleaned_data["sponsor"]
        sponsor = access_billing_sponsor(request.user, sponsor_id) if sponsor_id else None
        try:
            job = billing_job_start(actor=request.user, month=form.cleaned_data["month"], sponsor=sponsor)
        except BillingRefused as refused:
            messages.warning(request, refused.message)
        else:
            return redirect("billing:job", job_id=job.pk)
    jobs = billing_jobs_for(request.user).order_by("-created_at")[:10]
    context = {"form": form, "jobs": [(j, month_label(j.month)) for j in jobs]}
    return render(request, "billing/run.html", context, status=400 if form.errors else 200)


@login_required
def job(request: HttpRequest, job_id: UUID) -> HttpResponse:
    found = access_billing_job(request.user, str(job_id))
    template = "billing/_job_status.html" if request.htmx else "billing/job.html"  # type: ignore[attr-defined]
    context = {"job": found, "live": found.progress, "month_label": month_label(found.month), "summary": found.summary}
    return render(request, template, context)
