"""REST endpoints of the exchange with BPJS as durable jobs (ADR 0009), the same ExchangeJob the pages start:
the registration file written and BPJS's answer applied by the job worker, never inside the request.

A POST answers 202 with the job and its ``status_url``; the job's GET gives status, progress and summary;
its file (the registration .xlsx, or the answer's problems) is downloaded from ``file_url`` once done.
Scoped as the pages: another region's programme is 404; a village operator or a sponsor may not see the
exchange (403); starting a job and taking its file need the programme's own region's operator (403).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest
from django.urls import reverse
from ninja import Field, File, Path, Router, Schema, Status
from ninja.files import UploadedFile

from jaring.enrolment.exchange import ExchangeRefused
from jaring.enrolment.exchange_jobs import (
    access_exchange_job,
    answer_upload_start,
    exchange_file_download,
    exchange_file_name,
    may_see_exchange,
    registration_export_start,
    result_path,
)
from jaring.enrolment.models import ExchangeJob
from jaring.funding.api import Problem, ProgrammeId, refusal
from jaring.funding.models import Programme
from jaring.funding.selectors import access_programme, may_edit_programme
from jaring.imports.api import ProgressOut

router = Router(tags=["kepesertaan"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _exchange_programme(user: Any, programme_id: int) -> Programme:
    programme = access_programme(user, programme_id)
    if not may_see_exchange(user, programme):
        raise PermissionDenied("Pertukaran berkas dengan BPJS hanya untuk petugas wilayah program.")
    return programme


class ExchangeJobOut(Schema):
    id: UUID
    kind: Literal["export", "answer"] = Field(description="export: berkas pendaftaran; answer: jawaban BPJS")
    kind_label: str
    status: Literal["queued", "running", "done", "failed"]
    status_label: str
    file: str = Field(description="nama berkas jawaban yang diunggah (kosong untuk berkas pendaftaran)")
    created_at: datetime
    finished_at: datetime | None
    progress: ProgressOut | None
    summary: dict[str, Any] | None = Field(
        description="export: rows; answer: rows, accepted, rejected, unknown, unchanged, errors_by_rule, applied, "
        "problem_count, problems ([baris, kode, pesan], paling banyak 100)"
    )
    error: str | None
    status_url: str
    file_url: str | None = Field(description="unduhan berkas hasil (.xlsx) bila ada dan Anda berhak mengambilnya")


def _job_out(user: Any, job: ExchangeJob) -> ExchangeJobOut:
    live = job.progress
    keys = {"programme_id": job.programme_id, "job_id": job.pk}
    has_file = job.status == "done" and may_edit_programme(user, job.programme) and result_path(job).exists()
    return ExchangeJobOut(
        id=job.pk,
        kind=job.kind,  # type: ignore[arg-type]
        kind_label=str(job.get_kind_display()),
        status=job.status,  # type: ignore[arg-type]
        status_label=str(job.get_status_display()),
        file=job.original_name,
        created_at=job.created_at,
        finished_at=job.finished_at,
        progress=ProgressOut(stage=live.stage, label=live.label, done=live.done, total=live.total, percent=live.percent)
        if live
        else None,
        summary=job.summary or None,
        error=job.error or None,
        status_url=reverse("api:programme_job", kwargs=keys),
        file_url=reverse("api:programme_job_file", kwargs=keys) if has_file else None,
    )


def _started(user: Any, job: ExchangeJob) -> Status[Any]:
    job.refresh_from_db()
    return Status(202, _job_out(user, job))


@router.post(
    "/programmes/{programme_id}/registration",
    response={202: ExchangeJobOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Mulai membuat berkas pendaftaran kolektif untuk BPJS (yang diusulkan menjadi terkirim)",
    description="Berjalan di latar: ikuti `status_url`; bila selesai, unduh dari `file_url`. Kohort tanpa usulan "
    "berakhir `failed` dengan alasannya.",
)
def registration_start(request: HttpRequest, programme_id: Path[ProgrammeId]) -> Status[Any]:
    programme = _exchange_programme(request.user, programme_id)
    return _started(request.user, registration_export_start(actor=request.user, programme=programme))


@router.post(
    "/programmes/{programme_id}/answer",
    response={202: ExchangeJobOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Unggah jawaban BPJS (NIK, Nama, Status Y/T, Keterangan, KPJ); diterapkan di latar",
    description=(
        "Berjalan di latar: ikuti `status_url`. Ringkasan `applied: false`: berkas ditolak seluruhnya karena "
        "baris yang salah, tidak ada yang diubah; masalah per baris ada di `problems` dan di `file_url`. "
        "400: jenis atau ukuran berkas tidak diterima."
    ),
)
def answer_start(request: HttpRequest, programme_id: Path[ProgrammeId], file: File[UploadedFile]) -> Status[Any]:
    programme = _exchange_programme(request.user, programme_id)
    try:
        job = answer_upload_start(actor=request.user, programme=programme, upload=file)
    except ExchangeRefused as exc:
        return Status(400, refusal(exc.code, exc.message))
    return _started(request.user, job)


@router.get(
    "/programmes/{programme_id}/jobs/{job_id}",
    response={200: ExchangeJobOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Status, kemajuan dan ringkasan satu pertukaran berkas dengan BPJS",
    url_name="programme_job",
)
def job_get(request: HttpRequest, programme_id: Path[ProgrammeId], job_id: UUID) -> ExchangeJobOut:
    programme = _exchange_programme(request.user, programme_id)
    return _job_out(request.user, access_exchange_job(request.user, programme, str(job_id)))


@router.get(
    "/programmes/{programme_id}/jobs/{job_id}/file",
    response={200: None, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Unduh berkas hasil pertukaran: berkas pendaftaran, atau masalah per baris jawaban BPJS (.xlsx)",
    description="404: tugas belum selesai, gagal, atau jawabannya tanpa masalah. Berkas pendaftaran memuat NIK "
    "lengkap: hanya operator wilayah program yang mengambilnya, dan tercatat di jejak audit.",
    url_name="programme_job_file",
    openapi_extra={
        "responses": {
            200: {
                "description": "Berkas .xlsx",
                "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def job_file(request: HttpRequest, programme_id: Path[ProgrammeId], job_id: UUID) -> FileResponse:
    programme = _exchange_programme(request.user, programme_id)
    job = access_exchange_job(request.user, programme, str(job_id))
    path = exchange_file_download(actor=request.user, job=job)
    return FileResponse(path.open("rb"), as_attachment=True, filename=exchange_file_name(job), content_type=XLSX)
