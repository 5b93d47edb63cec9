"""REST endpoints of a programme's plan, its cohort, memberships and the exchange with BPJS (issue 10).

Every operation first reaches the programme through ``access_programme`` (another region's programme is
404, as an unknown one); writes then need ``may_edit_programme`` (403). Lists carry the masked NIK only.
"""

from __future__ import annotations

import math
import os
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest
from ninja import Field, File, Path, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import ConfigDict

from jaring.enrolment.answer import AnswerRefused, answer_apply
from jaring.enrolment.exchange import ExchangeRefused, registration_export
from jaring.enrolment.lifecycle import membership_add, membership_change_status
from jaring.enrolment.models import Membership
from jaring.enrolment.selectors import funded_worker_ids, memberships_for
from jaring.enrolment.services import EnrolmentRefused, cohort_enrol, programme_period
from jaring.funding.api import Problem, ProgrammeId, refusal
from jaring.funding.models import Programme
from jaring.funding.planner import WhatIf, plan_programme
from jaring.funding.selectors import access_programme, may_edit_programme, programmes_for
from jaring.registry.selectors import workers_for
from jaring.rules.errors import RuleInputError
from jaring.rules.nik import mask_nik, normalize_nik

router = Router(tags=["kepesertaan"])

TEXT = r"^[^\x00-\x1f\x7f]*$"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ANSWER_SUFFIXES = (".xlsx", ".xls", ".ods", ".csv")
MAX_PROBLEMS = 100
# Refusals a person fixes in the request itself (400); every other refusal of the lifecycle is a clash with
# the memberships as they stand (409).
INPUT_CODES = {"MEMBERSHIP.REASON", "WORKER.OUTSIDE_PROGRAMME"}
MembershipId = Annotated[int, Field(ge=1, le=2**63 - 1)]


def _editable(user: Any, programme_id: int) -> Programme:
    programme = access_programme(user, programme_id)
    if not may_edit_programme(user, programme):
        raise PermissionDenied("Hanya operator wilayah program yang dapat mengubah program ini.")
    return programme


def _enrolment_refusal(exc: EnrolmentRefused) -> Status[Any]:
    return Status(400 if exc.code in INPUT_CODES else 409, refusal(exc.code, exc.message))


def _private_dir(name: str) -> FilePath:
    """A folder under var/ that only the server's user can enter: the files hold NIKs and names."""
    folder = FilePath(settings.VAR_DIR) / name
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.chmod(0o700)
    return folder


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
    programme = _editable(request.user, programme_id)
    try:
        result = cohort_enrol(actor=request.user, programme=programme)
    except EnrolmentRefused as exc:
        return _enrolment_refusal(exc)
    return Status(200, result.as_json())


# --- GET /programmes/{id}/memberships ---------------------------------------------------------------


class MembershipFilterIn(Schema):
    status: Literal["", "proposed", "submitted", "active", "lapsed", "ended", "cancelled"] = ""
    village: str = Field("", pattern=r"^(\d{2}\.\d{2}\.\d{2}\.\d{4})?$", description="kode desa/kelurahan")
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(50, ge=1, le=200)


class MembershipItem(Schema):
    id: int
    worker_id: int
    nik_masked: str
    name: str
    village_code: str
    village_name: str
    start: date
    end: date
    status: str
    status_label: str
    kpj: str
    reason: str


class MembershipListOut(Schema):
    count: int
    page: int
    pages: int
    items: list[MembershipItem]


def _membership_item(m: Membership) -> MembershipItem:
    return MembershipItem(
        id=m.pk,
        worker_id=m.worker_id,
        nik_masked=mask_nik(m.worker.nik),
        name=m.worker.name,
        village_code=m.worker.village_id,
        village_name=m.worker.village.name,
        start=m.start,
        end=m.end,
        status=m.status,
        status_label=str(m.get_status_display()),
        kpj=m.kpj,
        reason=m.reason,
    )


@router.get(
    "/programmes/{programme_id}/memberships",
    response={200: MembershipListOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Kepesertaan sebuah program (operator desa: desanya saja; NIK disamarkan)",
)
def membership_list(
    request: HttpRequest, programme_id: Path[ProgrammeId], filters: Query[MembershipFilterIn]
) -> MembershipListOut:
    programme = access_programme(request.user, programme_id)
    memberships = memberships_for(request.user, programme)
    if filters.status:
        memberships = memberships.filter(status=filters.status)
    if filters.village:
        memberships = memberships.filter(worker__village_id=filters.village)
    count = memberships.count()
    first = (filters.page - 1) * filters.page_size
    page = memberships.select_related("worker__village").order_by("worker__village_id", "worker__search_name", "pk")
    return MembershipListOut(
        count=count,
        page=filters.page,
        pages=max(1, math.ceil(count / filters.page_size)),
        items=[_membership_item(m) for m in page[first : first + filters.page_size]],
    )


# --- POST /programmes/{id}/memberships --------------------------------------------------------------


class MembershipAddIn(Schema):
    model_config = ConfigDict(extra="forbid")

    nik: str = Field(max_length=40, pattern=TEXT, description="16 angka; spasi dan titik diabaikan")
    reason: str = Field(min_length=1, max_length=255, pattern=TEXT, description="alasan perubahan (sesuaikan data)")
    start: date | None = Field(None, description="kosong: tanggal mulai program")


@router.post(
    "/programmes/{programme_id}/memberships",
    response={201: MembershipItem, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="Tambahkan satu pekerja (menurut NIK) ke kohort yang berjalan, dengan alasannya",
    description="404: program atau NIK tidak ditemukan di wilayah Anda; 409: pekerja sudah didanai pada periode ini.",
)
def membership_add_post(request: HttpRequest, programme_id: Path[ProgrammeId], payload: MembershipAddIn) -> Status[Any]:
    programme = _editable(request.user, programme_id)
    nik = normalize_nik(payload.nik)
    if nik is None or len(nik) != 16:
        return Status(400, refusal("NIK.FORMAT", "NIK harus 16 digit angka."))
    # A NIK outside the user's region, or outside the programme's, is answered as an unknown one.
    worker = workers_for(request.user).filter(nik=nik, village__code__startswith=f"{programme.region_id}.").first()
    if worker is None:
        return Status(404, refusal("WORKER.NOT_FOUND", "Pekerja dengan NIK itu tidak ditemukan."))
    try:
        membership = membership_add(
            actor=request.user, programme=programme, worker=worker, reason=payload.reason, start=payload.start
        )
    except EnrolmentRefused as exc:
        return _enrolment_refusal(exc)
    return Status(201, _membership_item(membership))


# --- POST /memberships/{id}/status ------------------------------------------------------------------


class StatusIn(Schema):
    model_config = ConfigDict(extra="forbid")

    status: Literal["proposed", "submitted", "active", "lapsed", "ended", "cancelled"]
    reason: str = Field("", max_length=255, pattern=TEXT)


@router.post(
    "/memberships/{membership_id}/status",
    response={200: MembershipItem, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="Ubah status satu kepesertaan (mis. batalkan), dengan alasannya",
    description="409 MEMBERSHIP.TRANSITION: status itu tidak dapat menyusul status sekarang.",
)
def membership_status_post(request: HttpRequest, membership_id: Path[MembershipId], payload: StatusIn) -> Status[Any]:
    # Looked up among the programmes the user may see: another region's membership answers like none.
    found = (
        Membership.objects.filter(pk=membership_id, programme__in=programmes_for(request.user))
        .only("programme_id")
        .first()
    )
    programme = access_programme(request.user, found.programme_id) if found else None
    membership = (
        memberships_for(request.user, programme)
        .select_related("worker__village", "programme")
        .filter(pk=membership_id)
        .first()
        if programme
        else None
    )
    if programme is None or membership is None:
        return Status(404, refusal("MEMBERSHIP.NOT_FOUND", f"Kepesertaan nomor {membership_id} tidak ditemukan."))
    if not may_edit_programme(request.user, programme):
        raise PermissionDenied("Hanya operator wilayah program yang dapat mengubah program ini.")
    try:
        changed = membership_change_status(
            actor=request.user, membership=membership, status=payload.status, reason=payload.reason
        )
    except EnrolmentRefused as exc:
        return _enrolment_refusal(exc)
    return Status(200, _membership_item(changed))


# --- GET /programmes/{id}/registration.xlsx ---------------------------------------------------------


@router.get(
    "/programmes/{programme_id}/registration.xlsx",
    response={200: None, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="Unduh berkas pendaftaran kolektif untuk BPJS (yang diusulkan menjadi terkirim)",
    description="409 COHORT.EMPTY: belum ada kepesertaan yang diusulkan.",
    openapi_extra={
        "responses": {
            200: {
                "description": "Berkas .xlsx, satu baris per pekerja, kolom menurut tata letak wilayah",
                "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def registration_download(request: HttpRequest, programme_id: Path[ProgrammeId]) -> FileResponse | Status[Any]:
    programme = _editable(request.user, programme_id)
    # Owner-only from the first byte (mkstemp makes it 0600); unlinked once open, so nothing stays behind.
    fd, name = tempfile.mkstemp(prefix="pendaftaran-", suffix=".xlsx", dir=_private_dir("bpjs"))
    os.close(fd)
    path = FilePath(name)
    try:
        registration_export(actor=request.user, programme=programme, path=path)
        stream = path.open("rb")
    except ExchangeRefused as exc:
        return Status(409, refusal(exc.code, exc.message))
    finally:
        path.unlink(missing_ok=True)
    return FileResponse(
        stream, as_attachment=True, filename=f"pendaftaran-program-{programme.pk}.xlsx", content_type=XLSX
    )


# --- POST /programmes/{id}/answer -------------------------------------------------------------------


class AnswerProblemOut(Schema):
    row: int
    code: str
    message: str


class AnswerOut(Schema):
    rows: int
    accepted: int
    rejected: int
    unknown: int
    unchanged: int
    errors_by_rule: dict[str, int]
    applied: bool
    problems: list[AnswerProblemOut] = Field(description=f"paling banyak {MAX_PROBLEMS} baris bermasalah pertama")


@router.post(
    "/programmes/{programme_id}/answer",
    response={
        200: AnswerOut,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
        422: AnswerOut | Problem,
    },
    summary="Terapkan jawaban BPJS (NIK, Nama, Status Y/T, Keterangan, KPJ) pada kohort program",
    description=(
        "200: diterapkan (NIK yang tidak dikenal dilaporkan di `problems`). 422 dengan `applied: false`: "
        "berkas ditolak seluruhnya karena baris yang salah; tidak ada yang diubah. 400: berkas tidak dapat "
        "dibaca. 409 MEMBERSHIP.OVERLAP: pekerja yang diterima sudah didanai kohort lain."
    ),
)
def answer_post(request: HttpRequest, programme_id: Path[ProgrammeId], file: File[UploadedFile]) -> Status[Any]:
    programme = _editable(request.user, programme_id)
    suffix = FilePath(file.name or "").suffix.lower()
    if (file.size or 0) > settings.JARING_UPLOAD_MAX_BYTES:
        limit = settings.JARING_UPLOAD_MAX_BYTES // (1024 * 1024)
        return Status(400, refusal("FILE.TOO_LARGE", f"Berkas lebih besar dari {limit} MB."))
    if suffix not in ANSWER_SUFFIXES:
        return Status(400, refusal("FILE.TYPE", "Berkas jawaban BPJS harus .xlsx, .xls, .ods atau .csv."))
    fd, name = tempfile.mkstemp(prefix="jawaban-", suffix=suffix, dir=_private_dir("bpjs"))
    path = FilePath(name)
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in file.chunks():
                out.write(chunk)
        result = answer_apply(actor=request.user, programme=programme, path=path)
    except AnswerRefused as exc:
        return Status(409 if exc.code == "MEMBERSHIP.OVERLAP" else 400, refusal(exc.code, exc.message))
    finally:
        path.unlink(missing_ok=True)
    body = result.as_json() | {
        "applied": result.applied,
        "problems": [{"row": r, "code": c, "message": m} for r, c, m in result.problems[:MAX_PROBLEMS]],
    }
    return Status(200 if result.applied else 422, body)
