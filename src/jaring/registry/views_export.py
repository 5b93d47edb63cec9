"""The list's export: start it with the list's filter, follow its progress, download the file."""

from __future__ import annotations

from dataclasses import asdict
from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from jaring.registry.export import (
    access_export,
    export_path,
    filter_words,
    job_filter,
    worker_export_download,
    worker_export_start,
)
from jaring.registry.selectors import SearchTooLong, WorkerFilter
from jaring.registry.views import clean_filter


@require_POST
@login_required
def export_start(request: HttpRequest) -> HttpResponse:
    filters = clean_filter({k: request.POST.get(k, "") for k in WorkerFilter.__dataclass_fields__})
    try:
        job = worker_export_start(actor=request.user, filters=filters, full_nik=request.POST.get("full_nik") == "1")
    except SearchTooLong as error:
        messages.error(request, str(error))
        return redirect(reverse("registry:workers"))
    return redirect("registry:export", job_id=job.pk)


@login_required
def export_detail(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = access_export(request.user, str(job_id))
    template = "registry/_export_status.html" if request.htmx else "registry/export.html"  # type: ignore[attr-defined]
    context: dict[str, object] = {"job": job, "live": job.progress, "has_file": export_path(job).exists()}
    if not request.htmx:  # type: ignore[attr-defined]
        filters = job_filter(job)
        context["words"] = "; ".join(filter_words(filters))
        context["back"] = urlencode({k: v for k, v in asdict(filters).items() if v})
    return render(request, template, context)


@login_required
def export_download(request: HttpRequest, job_id: UUID) -> FileResponse:
    job = access_export(request.user, str(job_id))
    path = worker_export_download(actor=request.user, job=job)
    name = f"daftar-pekerja-{timezone.localtime(job.created_at):%Y%m%d-%H%M}.xlsx"
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)
