from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jaring.accounts.access import require_capability
from jaring.accounts.roles import Cap
from jaring.imports.forms import ImportForm
from jaring.imports.jobs import import_job_start, report_path
from jaring.imports.selectors import access_job, jobs_for
from jaring.imports.template_file import template_bytes


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, Cap.WORKERS_IMPORT)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_job_start(
                actor=request.user,
                upload=form.cleaned_data["file"],
                source=form.cleaned_data["source"],
                strict=form.cleaned_data["strict"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except ValueError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("imports:job", job_id=job.pk)
    return render(request, "imports/upload.html", {"form": form, "jobs": jobs_for(request.user)[:20]})


@login_required
def job_detail(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = access_job(request.user, str(job_id))
    template = "imports/_job_status.html" if request.htmx else "imports/job.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job, "live": job.progress, "has_report": report_path(job).exists()})


@login_required
def job_report(request: HttpRequest, job_id: UUID) -> FileResponse:
    job = access_job(request.user, str(job_id))
    path = report_path(job)
    if not path.exists():
        raise Http404("Tidak ada laporan baris yang ditolak.")
    name = f"laporan-gagal-{job.original_name.rsplit('.', 1)[0]}.xlsx"
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)


@login_required
def template_download(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, Cap.WORKERS_IMPORT)
    response = HttpResponse(
        template_bytes(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="templat-daftar-pekerja.xlsx"'
    return response
