"""REST endpoints of a programme's plan (the what-if) and the build of its cohort (issue 10)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status

from jaring.enrolment.api_access import editable_programme, enrolment_refusal
from jaring.enrolment.selectors import funded_worker_ids
from jaring.enrolment.services import EnrolmentRefused, cohort_enrol, programme_period
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


# --- POST /programmes/{id}/cohort -------------------------------------------------------------------


class CohortOut(Schema):
    proposed: int
    blocked: dict[str, int]


@router.post(
    "/programmes/{programme_id}/cohort",
    response={200: CohortOut, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="Bangun kohort: usulkan kepesertaan bagi pekerja pilihan rencana (`jaring enrol programme`)",
    description="409 MEMBERSHIP.OVERLAP: kohort lain baru saja mendanai sebagian pekerja; tidak ada yang disimpan.",
)
def programme_cohort(request: HttpRequest, programme_id: Path[ProgrammeId]) -> Status[Any]:
    programme = editable_programme(request.user, programme_id)
    try:
        result = cohort_enrol(actor=request.user, programme=programme)
    except EnrolmentRefused as exc:
        return enrolment_refusal(exc)
    return Status(200, result.as_json())
