"""REST endpoints of a programme's plan (the what-if) and the build of its cohort (issue 10)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema, Status

from jaring.enrolment.api_access import editable_programme
from jaring.enrolment.cohort_jobs import CohortBusy, access_cohort_job, cohort_job_start
from jaring.enrolment.models import CohortJob
from jaring.enrolment.selectors import funded_worker_ids
from jaring.enrolment.services import programme_period
from jaring.funding.api import Problem, ProgrammeId, refusal
from jaring.funding.planner import WhatIf, plan_programme
from jaring.funding.selectors import access_programme
from jaring.rules.errors import RuleInputError

router = Router(tags=["kepesertaan"])


# --- GET /programmes/{id}/plan ----------------------------------------------------------------------


class PlanIn(Schema):
    """What-if: the programme's own values unless given; nothing is saved."""

    budget: int | None = Field(None, ge=1, le=10**14, description="anggaran dalam rupiah")
    months: int | None = Field(None, ge=1, le=60)
    package: Literal["bpu-basic", "bpu-jht"] | None = None


class PlanOut(Schema):
    workers: int
    months: int
    monthly_cost: str
    cost: str
    unspent: str
    left_out: dict[str, int] = Field(description="jumlah pekerja tidak terpilih per kode alasan")


@router.get(
    "/programmes/{programme_id}/plan",
    response={200: PlanOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Rencana program: siapa terlindungi, siapa tidak dan mengapa (`jaring plan programme`)",
    description="Pekerja yang sudah didanai program lain pada bulan yang sama dihitung sebagai COVERED.ALREADY.",
)
def programme_plan(request: HttpRequest, programme_id: Path[ProgrammeId], what_if: Query[PlanIn]) -> Status[Any]:
    programme = access_programme(request.user, programme_id)
    start, end = programme_period(programme)
    covered = funded_worker_ids(region_code=programme.region_id, start=start, end=end, other_than=programme.pk)
    change = WhatIf(
        budget=None if what_if.budget is None else Decimal(what_if.budget),
        months=what_if.months,
        package=what_if.package,
    )
    try:
        plan = plan_programme(programme, what_if=change, covered=covered)
    except RuleInputError as exc:
        return Status(400, refusal(exc.code, exc.message_id))
    return Status(200, plan.as_json())


# --- POST /programmes/{id}/cohort: a durable job, as the page's button -------------------------------


class CohortProgressOut(Schema):
    stage: str
    label: str
    percent: int


class CohortJobOut(Schema):
    id: UUID
    status: Literal["queued", "running", "done", "failed"]
    status_label: str
    created_at: datetime
    finished_at: datetime | None
    progress: CohortProgressOut | None
    summary: dict[str, Any] | None = Field(
        description="proposed, blocked {REASON.CODE: n} (as `jaring enrol programme --json`), left_out, left_out_rows"
    )
    error: str | None
    status_url: str


def _cohort_job_out(job: CohortJob) -> CohortJobOut:
    live = job.progress
    return CohortJobOut(
        id=job.pk,
        status=job.status,  # type: ignore[arg-type]
        status_label=str(job.get_status_display()),
        created_at=job.created_at,
        finished_at=job.finished_at,
        progress=CohortProgressOut(stage=live.stage, label=live.label, percent=live.percent) if live else None,
        summary=job.summary or None,
        error=job.error or None,
        status_url=reverse("api:programme_cohort_job", kwargs={"programme_id": job.programme_id, "job_id": job.pk}),
    )


@router.post(
    "/programmes/{programme_id}/cohort",
    response={202: CohortJobOut, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="Bangun kohort di latar: usulkan kepesertaan bagi pekerja pilihan rencana (`jaring enrol programme`)",
    description="Berjalan di latar: ikuti `status_url`; ringkasannya sama dengan `jaring enrol programme --json`. "
    "409 COHORT.BUSY: kohort program ini sedang dibangun.",
)
def programme_cohort(request: HttpRequest, programme_id: Path[ProgrammeId]) -> Status[Any]:
    programme = editable_programme(request.user, programme_id)
    try:
        job = cohort_job_start(actor=request.user, programme=programme)
    except CohortBusy as busy:
        return Status(409, refusal("COHORT.BUSY", str(busy)))
    job.refresh_from_db()
    return Status(202, _cohort_job_out(job))


@router.get(
    "/programmes/{programme_id}/cohort/jobs/{job_id}",
    response={200: CohortJobOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Status, kemajuan dan ringkasan pembangunan kohort",
    url_name="programme_cohort_job",
)
def cohort_job_get(request: HttpRequest, programme_id: Path[ProgrammeId], job_id: UUID) -> CohortJobOut:
    return _cohort_job_out(access_cohort_job(request.user, programme_id, str(job_id)))
