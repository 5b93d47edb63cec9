"""REST endpoints of a programme's memberships: the list (masked NIK), one worker added by NIK, a status
changed. A village operator sees its village's members only; writes need the programme's own region."""

from __future__ import annotations

import math
from datetime import date
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import ConfigDict

from jaring.enrolment.api_access import TEXT, MembershipId, editable_programme, enrolment_refusal
from jaring.enrolment.lifecycle import membership_add, membership_change_status
from jaring.enrolment.models import Membership
from jaring.enrolment.selectors import memberships_for
from jaring.enrolment.services import EnrolmentRefused
from jaring.funding.api import Problem, ProgrammeId, refusal
from jaring.funding.selectors import access_programme, may_edit_programme, programmes_for
from jaring.registry.selectors import workers_for
from jaring.rules.nik import mask_nik, normalize_nik

router = Router(tags=["kepesertaan"])


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
    programme = editable_programme(request.user, programme_id)
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
        return enrolment_refusal(exc)
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
        return enrolment_refusal(exc)
    return Status(200, _membership_item(changed))
