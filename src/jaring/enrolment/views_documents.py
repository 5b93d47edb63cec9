"""Downloads of the PDF documents BPJS asks for; scope and audit live in the selectors and services.

A village list longer than settings.JARING_VILLAGE_LIST_JOB_NAMES is not rendered in the request: its
address answers with a page that queues the job, and the job's page offers the PDF once it is ready."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jaring.enrolment.document_jobs import (
    access_document_job,
    document_file_download,
    document_jobs_for,
    document_path,
    village_list_job_start,
    village_list_size,
)
from jaring.enrolment.documents import Document, handover_issue, village_list_issue
from jaring.enrolment.selectors import access_programme_village
from jaring.funding.models import Programme
from jaring.funding.selectors import access_programme, may_edit_programme
from jaring.regions.models import Region


def _pdf_response(document: Document) -> HttpResponse:
    response = HttpResponse(document.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response


def _programme_village(user: Any, programme_id: int, village_code: str) -> tuple[Programme, Region]:
    programme = access_programme(user, programme_id)
    return programme, access_programme_village(user, programme, village_code)


@login_required
def village_list(request: HttpRequest, programme_id: int, village_code: str) -> HttpResponse:
    programme, village = _programme_village(request.user, programme_id, village_code)
    full_nik = may_edit_programme(request.user, programme)
    names = village_list_size(programme, village)
    if names > settings.JARING_VILLAGE_LIST_JOB_NAMES:
        context = {
            "programme": programme,
            "village": village,
            "names": names,
            "jobs": document_jobs_for(request.user, programme, village),
        }
        return render(request, "enrolment/village_list_large.html", context)
    return _pdf_response(
        village_list_issue(actor=request.user, programme=programme, village=village, full_nik=full_nik)
    )


@require_POST
@login_required
def village_list_start(request: HttpRequest, programme_id: int, village_code: str) -> HttpResponse:
    programme, village = _programme_village(request.user, programme_id, village_code)
    full_nik = may_edit_programme(request.user, programme)
    job = village_list_job_start(actor=request.user, programme=programme, village=village, full_nik=full_nik)
    return redirect("documents:job", programme_id=programme.pk, job_id=job.pk)


@login_required
def document_job(request: HttpRequest, programme_id: int, job_id: UUID) -> HttpResponse:
    programme = access_programme(request.user, programme_id)
    job = access_document_job(request.user, programme, str(job_id))
    template = "enrolment/_document_job_status.html" if request.htmx else "enrolment/document_job.html"  # type: ignore[attr-defined]
    context = {"programme": programme, "job": job, "live": job.progress, "has_file": document_path(job).exists()}
    return render(request, template, context)


@login_required
def document_download(request: HttpRequest, programme_id: int, job_id: UUID) -> FileResponse:
    programme = access_programme(request.user, programme_id)
    job = access_document_job(request.user, programme, str(job_id))
    path = document_file_download(actor=request.user, job=job)
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name, content_type="application/pdf")


@login_required
def handover(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = access_programme(request.user, programme_id)
    # The funder issues the Berita Acara: only those who may edit the programme print it.
    if not may_edit_programme(request.user, programme):
        raise PermissionDenied("Berita acara dicetak oleh pengelola program.")
    return _pdf_response(handover_issue(actor=request.user, programme=programme))
