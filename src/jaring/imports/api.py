from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path as FilePath
from typing import Any
from uuid import UUID

from django.conf import settings
from django.http import FileResponse, HttpRequest
from django.urls import reverse
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.params import FormEx, P

from jaring.imports.jobs import import_job_start, report_path
from jaring.imports.models import ImportJob
from jaring.imports.selectors import access_job, jobs_for

router = Router(tags=["impor"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportProblem(Schema):
    """Every refusal: a sentence in Indonesian, or the list of invalid fields (422 from validation)."""

    detail: str | list[dict[str, Any]]


class ProgressOut(Schema):
    stage: str
    label: str
    done: int
    total: int
    percent: int


class JobOut(Schema):
    id: UUID
    status: str
    file: str
    source: str
    strict: bool
    dry_run: bool
    progress: ProgressOut | None
    summary: dict[str, Any] | None
    error: str | None
    report_url: str | None = Field(description="unduhan laporan baris yang ditolak (.xlsx), bila ada")


class ImportCreatedOut(JobOut):
    """The job just queued: the same fields as its status, under the answer of this operation."""


def _report_url(job: ImportJob) -> str | None:
    # The report's place on the server is never shown: only where to download it through the API.
    if not report_path(job).exists():
        return None
    return reverse("api:import_report", kwargs={"job_id": job.pk})


def _without_paths(text: str) -> str:
    for folder in {str(settings.VAR_DIR), str(FilePath(settings.VAR_DIR).resolve())}:
        text = text.replace(folder, "…")
    return text


def _job_out(job: ImportJob) -> JobOut:
    live = job.progress
    summary = {k: v for k, v in (job.summary or {}).items() if k != "report"}
    return JobOut(
        id=job.pk,
        status=job.status,
        file=job.original_name,
        source=job.source,
        strict=job.strict,
        dry_run=job.dry_run,
        progress=ProgressOut(stage=live.stage, label=live.label, done=live.done, total=live.total, percent=live.percent)
        if live
        else None,
        summary=summary or None,
        error=_without_paths(job.error) if job.error else None,
        report_url=_report_url(job),
    )


@router.post(
    "/imports",
    response={202: ImportCreatedOut, 400: ImportProblem, 401: ImportProblem, 403: ImportProblem, 422: ImportProblem},
    summary="Unggah daftar pekerja (.xlsx/.csv); berjalan di latar",
)
def import_create(
    request: HttpRequest,
    file: File[UploadedFile],
    source: FormEx[str, P(max_length=120, pattern=r"^[^\x00-\x1f\x7f]*$")] = "",
    strict: Form[bool] = False,
    dry_run: Form[bool] = False,
) -> Status[ImportCreatedOut]:
    job = import_job_start(actor=request.user, upload=file, source=source, strict=strict, dry_run=dry_run)
    job.refresh_from_db()
    return Status(202, ImportCreatedOut(**_job_out(job).dict()))


class ImportListIn(Schema):
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(50, ge=1, le=200)


class ImportListItem(Schema):
    id: UUID
    status: str
    file: str
    source: str
    strict: bool
    dry_run: bool
    user: str | None
    created_at: datetime
    finished_at: datetime | None
    summary: dict[str, Any] | None
    url: str


class ImportListOut(Schema):
    count: int
    page: int
    pages: int
    items: list[ImportListItem]


@router.get(
    "/imports",
    response={200: ImportListOut, 401: ImportProblem, 403: ImportProblem, 422: ImportProblem},
    summary="Riwayat impor di wilayah Anda, terbaru dulu",
)
def import_list(request: HttpRequest, paging: Query[ImportListIn]) -> ImportListOut:
    jobs = jobs_for(request.user).select_related("user").order_by("-created_at", "-pk")
    count = jobs.count()
    start = (paging.page - 1) * paging.page_size
    items = [
        ImportListItem(
            id=job.pk,
            status=job.status,
            file=job.original_name,
            source=job.source,
            strict=job.strict,
            dry_run=job.dry_run,
            user=job.user.username if job.user else None,
            created_at=job.created_at,
            finished_at=job.finished_at,
            summary={k: v for k, v in (job.summary or {}).items() if k != "report"} or None,
            url=reverse("api:import_get", kwargs={"job_id": job.pk}),
        )
        for job in jobs[start : start + paging.page_size]
    ]
    return ImportListOut(count=count, page=paging.page, pages=max(1, math.ceil(count / paging.page_size)), items=items)


@router.get(
    "/imports/{job_id}",
    response={200: JobOut, 401: ImportProblem, 403: ImportProblem, 404: ImportProblem, 422: ImportProblem},
    summary="Status dan ringkasan satu impor",
    url_name="import_get",
)
def import_get(request: HttpRequest, job_id: UUID) -> JobOut:
    return _job_out(access_job(request.user, str(job_id)))


@router.get(
    "/imports/{job_id}/report",
    response={200: None, 401: ImportProblem, 403: ImportProblem, 404: ImportProblem, 422: ImportProblem},
    summary="Unduh laporan baris yang ditolak (.xlsx)",
    url_name="import_report",
    openapi_extra={
        "responses": {
            200: {
                "description": "Laporan .xlsx: baris yang ditolak beserta alasannya",
                "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def import_report(request: HttpRequest, job_id: UUID) -> FileResponse | Status[Any]:
    job = access_job(request.user, str(job_id))
    path = report_path(job)
    if not path.exists():
        return Status(404, {"detail": "Tidak ada laporan baris yang ditolak."})
    name = f"laporan-gagal-{job.original_name.rsplit('.', 1)[0]}.xlsx"
    return FileResponse(path.open("rb"), as_attachment=True, filename=name, content_type=XLSX)
