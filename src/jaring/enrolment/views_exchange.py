"""The BPJS exchange page: the registration file, BPJS's answer, the file layout."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jaring.enrolment.exchange import FIELDS, ExchangeRefused, layout_for
from jaring.enrolment.exchange_jobs import (
    access_exchange_job,
    answer_upload_start,
    exchange_file_download,
    exchange_file_name,
    exchange_jobs_for,
    may_see_exchange,
    registration_export_start,
    result_path,
)
from jaring.enrolment.forms import AnswerForm, LayoutForm
from jaring.enrolment.layout import exchange_layout_set, may_manage_layout
from jaring.enrolment.models import ExchangeLayout, Status
from jaring.funding.models import Programme
from jaring.funding.selectors import access_programme, may_edit_programme


def _exchange_programme(user: Any, programme_id: int) -> Programme:
    programme = access_programme(user, programme_id)
    if not may_see_exchange(user, programme):
        raise PermissionDenied("Pertukaran berkas dengan BPJS hanya untuk petugas wilayah program.")
    return programme


@login_required
def exchange(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = _exchange_programme(request.user, programme_id)
    waiting = programme.memberships.filter(status=Status.PROPOSED).count()
    submitted = programme.memberships.filter(status=Status.SUBMITTED).count()
    layout = layout_for(programme.region_id)
    own = ExchangeLayout.objects.filter(region_id=programme.region_id).first()
    return render(
        request,
        "enrolment/exchange.html",
        {
            "programme": programme,
            "proposed": waiting,
            "submitted": submitted,
            "layout": layout,
            "layout_own": own,
            "jobs": exchange_jobs_for(request.user, programme)[:20],
            "may_edit": may_edit_programme(request.user, programme),
            "may_layout": may_manage_layout(request.user, programme.region_id),
            "form": AnswerForm(),
            "show_exchange": True,
        },
    )


@require_POST
@login_required
def export_start(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = _exchange_programme(request.user, programme_id)
    job = registration_export_start(actor=request.user, programme=programme)
    return redirect("enrolment:exchange_job", programme_id=programme.pk, job_id=job.pk)


@require_POST
@login_required
def answer_upload(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = _exchange_programme(request.user, programme_id)
    form = AnswerForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            job = answer_upload_start(actor=request.user, programme=programme, upload=form.cleaned_data["file"])
        except ExchangeRefused as exc:
            messages.error(request, exc.message)
        else:
            return redirect("enrolment:exchange_job", programme_id=programme.pk, job_id=job.pk)
    else:
        messages.error(request, "Pilih berkas jawaban BPJS untuk diunggah.")
    return redirect("enrolment:exchange", programme_id=programme.pk)


@login_required
def exchange_job(request: HttpRequest, programme_id: int, job_id: UUID) -> HttpResponse:
    programme = _exchange_programme(request.user, programme_id)
    job = access_exchange_job(request.user, programme, str(job_id))
    template = "enrolment/_job_status.html" if request.htmx else "enrolment/exchange_job.html"  # type: ignore[attr-defined]
    context = {
        "programme": programme,
        "job": job,
        "live": job.progress,
        "has_file": result_path(job).exists(),
        "may_edit": may_edit_programme(request.user, programme),
    }
    return render(request, template, context)


@login_required
def exchange_download(request: HttpRequest, programme_id: int, job_id: UUID) -> FileResponse:
    programme = _exchange_programme(request.user, programme_id)
    job = access_exchange_job(request.user, programme, str(job_id))
    path = exchange_file_download(actor=request.user, job=job)
    return FileResponse(path.open("rb"), as_attachment=True, filename=exchange_file_name(job))


@login_required
def layout_edit(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = _exchange_programme(request.user, programme_id)
    if not may_manage_layout(request.user, programme.region_id):
        raise PermissionDenied("Hanya administrator wilayah yang dapat mengubah tata letak berkas.")
    form = LayoutForm(request.POST or None, columns=layout_for(programme.region_id))
    if request.method == "POST" and form.is_valid():
        try:
            exchange_layout_set(actor=request.user, region_code=programme.region_id, columns=form.columns())
        except ExchangeRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Tata letak berkas pendaftaran disimpan.")
            return redirect("enrolment:exchange", programme_id=programme.pk)
    return render(request, "enrolment/layout.html", {"programme": programme, "form": form, "fields": FIELDS})
