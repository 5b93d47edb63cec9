"""Reviewing who the current plan takes into a programme's cohort, and building it as a job."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from jaring.enrolment.cohort_jobs import CohortBusy, access_cohort_job, cohort_job_start, cohort_jobs_for
from jaring.enrolment.cohort_left_out import ROWS_PER_REASON, left_out_shown
from jaring.enrolment.selectors import funded_worker_ids
from jaring.enrolment.services import budget_left, programme_period
from jaring.funding.plan_page import plan_figures, village_counts
from jaring.funding.planner import REASONS, plan_programme
from jaring.funding.selectors import access_programme, may_edit_programme
from jaring.jobs.models import JobStatus


def cohort_page_url(programme_id: int) -> str:
    # The cohort list is another page's work: by name once it exists, by its path until then.
    try:
        return reverse("enrolment:cohort", args=[programme_id])
    except NoReverseMatch:
        return f"/program/{programme_id}/kohort/"


@login_required
def cohort_review(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = access_programme(request.user, programme_id)
    start, end = programme_period(programme)
    # Exactly what the build will judge: workers funded for a day of the period are out, and the budget
    # is what the programme's members leave of it.
    left = budget_left(programme)
    covered = funded_worker_ids(region_code=programme.region_id, start=start, end=end)
    plan = plan_programme(programme, what_if=left.what_if, covered=covered)
    jobs = list(cohort_jobs_for(request.user, programme_id)[:5])
    built = next((j for j in jobs if j.status == JobStatus.DONE and "left_out" in j.summary), None)
    context = {
        "programme": programme,
        "start": start,
        "end": end,
        "left": left,
        "villages": village_counts(request.user, programme, plan),
        "may_build": may_edit_programme(request.user, programme),
        "jobs": jobs,
        # The last build's left-out workers as that build saw them (kept in its job's summary).
        "built": built,
        "built_left_out": left_out_shown(request.user, programme, built.summary) if built else [],
        "rows_per_reason": ROWS_PER_REASON,
        **plan_figures(plan, programme.start),
    }
    return render(request, "enrolment/cohort_review.html", context)


@require_POST
@login_required
def cohort_build(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = access_programme(request.user, programme_id)
    try:
        job = cohort_job_start(actor=request.user, programme=programme)
    except CohortBusy as busy:
        messages.warning(request, str(busy))
        job = busy.job
    return redirect("enrolment:cohort_job", programme_id=programme.pk, job_id=job.pk)


@login_required
def cohort_job(request: HttpRequest, programme_id: int, job_id: UUID) -> HttpResponse:
    job = access_cohort_job(request.user, programme_id, str(job_id))
    blocked = [(REASONS.get(code, code), n) for code, n in (job.summary.get("blocked") or {}).items()]
    template = "enrolment/_cohort_job_status.html" if request.htmx else "enrolment/cohort_job.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {
            "job": job,
            "programme": job.programme,
            "live": job.progress,
            "blocked": blocked,
            "built_left_out": left_out_shown(request.user, job.programme, job.summary),
            "rows_per_reason": ROWS_PER_REASON,
            "cohort_url": cohort_page_url(job.programme_id),
        },
    )
