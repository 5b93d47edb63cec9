"""REST endpoints of reconciliation with BPJS's active participant list (issue 11), scoped like the pages:
another region's programme answers 404, a user without the right to read reconciliations 403; uploading
needs billing's write right in the programme's region."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, File, Path, Router, Schema, Status
from ninja.files import UploadedFile

from jaring.billing.models_reconcile import ReconciliationRun
from jaring.billing.reconcile_jobs import reconciliation_start
from jaring.billing.reconcile_selectors import access_reconciliation_programme, access_run, runs_for
from jaring.funding.api import Problem, ProgrammeId, refusal

router = Router(tags=["rekonsiliasi"])
LISTED = 100


class ProblemRowOut(Schema):
    row: int
    code: str
    message: str


class ReconciliationRunOut(Schema):
    id: UUID
    status: str = Field(description="queued, running, done atau failed")
    file: str
    on: date = Field(description="tanggal acuan: dibayar di sini = lunas sampai akhir bulan sebelumnya")
    created_at: datetime
    finished_at: datetime | None
    rows: int | None
    matched: int | None
    paid_not_active: int | None
    active_not_paid: int | None
    different: int | None
    error: str
    problems: list[ProblemRowOut] = Field(description="baris yang membuat berkas ditolak (paling banyak 100)")


def _out(run: ReconciliationRun) -> ReconciliationRunOut:
    problems = [ProblemRowOut(row=r, code=c, message=m) for r, c, m in (run.summary or {}).get("problems", [])]
    return ReconciliationRunOut(
        id=run.pk, status=run.status, file=run.original_name, on=run.on, created_at=run.created_at,
        finished_at=run.finished_at, error=run.error, problems=problems, **run.counts(),
    )  # fmt: skip


@router.post(
    "/programmes/{programme_id}/reconciliations",
    response={202: ReconciliationRunOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Unggah daftar peserta aktif BPJS (NIK, KPJ, Status, Iuran Terakhir) dan mulai rekonsiliasi",
    description="202: tugas dibuat; ikuti statusnya di GET …/reconciliations/{id}. 400: jenis atau ukuran berkas.",
)
def reconciliation_create(
    request: HttpRequest, programme_id: Path[ProgrammeId], file: File[UploadedFile]
) -> Status[Any]:
    programme = access_reconciliation_programme(request.user, programme_id)
    try:
        run = reconciliation_start(
            actor=request.user, programme=programme, name=file.name or "", size=file.size, chunks=file.chunks()
        )
    except ValueError as exc:
        return Status(400, refusal("FILE.FORMAT", str(exc)))
    return Status(202, _out(run))


@router.get(
    "/programmes/{programme_id}/reconciliations",
    response={200: list[ReconciliationRunOut], 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary=f"Rekonsiliasi program, terbaru dulu (paling banyak {LISTED})",
)
def reconciliation_list(request: HttpRequest, programme_id: Path[ProgrammeId]) -> list[ReconciliationRunOut]:
    programme = access_reconciliation_programme(request.user, programme_id)
    return [_out(run) for run in runs_for(programme)[:LISTED]]


@router.get(
    "/programmes/{programme_id}/reconciliations/{run_id}",
    response={200: ReconciliationRunOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Status dan jumlah per kategori satu rekonsiliasi",
)
def reconciliation_get(request: HttpRequest, programme_id: Path[ProgrammeId], run_id: UUID) -> ReconciliationRunOut:
    programme = access_reconciliation_programme(request.user, programme_id)
    return _out(access_run(programme, str(run_id)))
