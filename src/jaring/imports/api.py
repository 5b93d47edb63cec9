from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from jaring.imports.jobs import import_job_start
from jaring.imports.models import ImportJob
from jaring.imports.selectors import access_job

router = Router(tags=["impor"])


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
    report_url: str | None


def _job_out(job: ImportJob) -> JobOut:
    live = job.progress
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
        summary=job.summary or None,
        error=job.error or None,
        report_url=f"/impor/{job.pk}/laporan/" if (job.summary or {}).get("report") else None,
    )


@router.post("/imports", response={202: JobOut}, summary="Unggah daftar pekerja (.xlsx/.csv); berjalan di latar")
def import_create(
    request: HttpRequest,
    file: File[UploadedFile],
    source: Form[str] = "",
    strict: Form[bool] = False,
    dry_run: Form[bool] = False,
) -> Status[JobOut]:
    job = import_job_start(actor=request.user, upload=file, source=source, strict=strict, dry_run=dry_run)
    job.refresh_from_db()
    return Status(202, _job_out(job))


@router.get("/imports/{job_id}", response=JobOut, summary="Status dan ringkasan satu impor")
def import_get(request: HttpRequest, job_id: UUID) -> JobOut:
    return _job_out(access_job(request.user, str(job_id)))
