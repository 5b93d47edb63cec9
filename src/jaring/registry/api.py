"""The worker registry over the REST API: the page's selectors, services and audit, answered as JSON.

Lists carry the masked NIK only; the detail carries the full NIK, as the detail page does, and opening
it is audited the same way (``worker.view``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import ConfigDict

from jaring.registry.models import Worker
from jaring.registry.selectors import MAX_QUERY_LENGTH, WorkerFilter, access_worker, workers_page
from jaring.registry.services import NikTaken, WorkerInput, worker_detail_open, worker_register, worker_update
from jaring.rules.nik import mask_nik

router = Router(tags=["pekerja"])

# Free text may not hold control characters: PostgreSQL refuses NUL, and no register needs the others.
TEXT = r"^[^\x00-\x1f\x7f]*$"
VILLAGE_CODE = r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$"
WorkerId = Annotated[int, Field(ge=1, le=2**63 - 1)]


class WorkerProblem(Schema):
    """Every refusal: a sentence in Indonesian, or the list of invalid fields (422 from validation)."""

    detail: str | list[dict[str, Any]]


def _problems(exc: ValidationError) -> dict[str, str]:
    return {"detail": " ".join(exc.messages)}


def worker_url(worker_id: int) -> str:
    return reverse("api:worker_get", kwargs={"worker_id": worker_id})


# --- GET /workers -----------------------------------------------------------------------------------


class WorkerSearchIn(Schema):
    q: str = Field("", max_length=MAX_QUERY_LENGTH, pattern=TEXT, description="NIK lengkap, atau kata-kata nama")
    village: str = Field("", pattern=r"^(\d{2}\.\d{2}\.\d{2}\.\d{4})?$", description="kode desa/kelurahan")
    district: str = Field("", pattern=r"^(\d{2}\.\d{2}\.\d{2})?$", description="kode kecamatan")
    occupation: str = Field("", max_length=40, pattern=r"^[a-z0-9-]*$", description="kode pekerjaan")
    segment: Literal["", "pu", "bpu", "jakon", "pmi"] = ""
    source: str = Field("", max_length=120, pattern=TEXT, description="sumber data")
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(50, ge=1, le=200)


class WorkerListItem(Schema):
    id: int
    nik_masked: str
    name: str
    sex: str
    birth_date: date | None
    village_code: str
    village_name: str
    occupation: str | None
    occupation_name: str | None
    occupation_text: str
    segment: str | None
    income: int | None
    source: str
    url: str


class WorkerListOut(Schema):
    count: int  # counted up to `capped`: with more matches it is the cap + 1 and `capped` is true
    capped: bool
    page: int
    pages: int
    items: list[WorkerListItem]


def worker_fields(w: Worker) -> dict[str, Any]:
    """What the list and the detail both say of a worker (the NIK masked)."""
    return {
        "id": w.pk,
        "nik_masked": mask_nik(w.nik),
        "name": w.name,
        "sex": w.sex,
        "birth_date": w.birth_date,
        "village_code": w.village_id,
        "village_name": w.village.name,
        "occupation": w.occupation_id,
        "occupation_name": w.occupation.name if w.occupation else None,
        "occupation_text": w.occupation_text,
        "segment": w.occupation.segment if w.occupation else None,
        "income": int(w.income) if w.income is not None else None,
        "source": w.source,
    }


def _list_item(w: Worker) -> WorkerListItem:
    return WorkerListItem(**worker_fields(w), url=worker_url(w.pk))


@router.get(
    "/workers",
    response={200: WorkerListOut, 401: WorkerProblem, 403: WorkerProblem, 422: WorkerProblem},
    summary="Cari pekerja di wilayah Anda (NIK disamarkan)",
)
def worker_list(request: HttpRequest, filters: Query[WorkerSearchIn]) -> WorkerListOut:
    f = WorkerFilter(
        q=filters.q.strip(),
        village=filters.village,
        district=filters.district,
        occupation=filters.occupation,
        segment=filters.segment,
        source=filters.source.strip(),
    )
    # Bounded work at any size, as the page: a count that stops past MATCH_CAP, no page past it.
    found = workers_page(request.user, f, str(filters.page), per_page=filters.page_size)
    return WorkerListOut(
        count=found.count,
        capped=found.capped,
        page=found.number,
        pages=found.num_pages,
        items=[_list_item(w) for w in found.workers],
    )


# --- GET /workers/{id} ------------------------------------------------------------------------------


class WorkerGroupOut(Schema):
    id: int
    name: str
    kind: str


class WorkerDetailOut(Schema):
    id: int
    nik: str
    nik_masked: str
    name: str
    sex: str
    birth_place: str
    birth_date: date | None
    address: str
    village_code: str
    village_name: str
    occupation: str | None
    occupation_name: str | None
    occupation_text: str
    segment: str | None
    risk_class: str | None
    income: int | None
    phone: str
    decile: int | None
    source: str
    groups: list[WorkerGroupOut]
    created_at: datetime
    updated_at: datetime


@router.get(
    "/workers/{worker_id}",
    response={200: WorkerDetailOut, 401: WorkerProblem, 403: WorkerProblem, 404: WorkerProblem, 422: WorkerProblem},
    summary="Data lengkap satu pekerja (tercatat di jejak audit)",
    url_name="worker_get",
)
def worker_get(request: HttpRequest, worker_id: Path[WorkerId]) -> WorkerDetailOut:
    w = access_worker(request.user, worker_id)
    worker_detail_open(actor=request.user, worker=w)
    return WorkerDetailOut(
        **worker_fields(w),
        nik=w.nik,
        birth_place=w.birth_place,
        address=w.address,
        risk_class=w.occupation.risk_class if w.occupation else None,
        phone=w.phone,
        decile=w.decile,
        groups=[WorkerGroupOut(id=g.pk, name=g.name, kind=g.kind) for g in w.groups.all()],
        created_at=w.created_at,
        updated_at=w.updated_at,
    )


# --- POST /workers ----------------------------------------------------------------------------------


class WorkerCreateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    nik: str = Field(max_length=40, pattern=TEXT, description="16 angka; spasi dan titik diabaikan")
    name: str = Field(max_length=150, pattern=TEXT)
    village_code: str = Field(pattern=VILLAGE_CODE, description="desa/kelurahan domisili, di wilayah Anda")
    sex: Literal["M", "F"] | None = Field(None, description="kosong: menurut NIK")
    birth_date: date | None = Field(None, description="kosong: menurut NIK")
    birth_place: str = Field("", max_length=80, pattern=TEXT)
    address: str = Field("", max_length=255, pattern=TEXT)
    occupation_code: str | None = Field(None, max_length=40, pattern=r"^[a-z0-9-]*$")
    occupation_text: str = Field("", max_length=120, pattern=TEXT)
    income: int | None = Field(None, ge=0, le=10**14 - 1, description="rupiah per bulan")
    phone: str = Field("", max_length=20, pattern=r"^[0-9+ -]*$")
    decile: int | None = Field(None, ge=1, le=10)
    source: str = Field("isian manual", min_length=1, max_length=120, pattern=TEXT)


class WorkerCreatedOut(Schema):
    id: int
    nik_masked: str
    name: str
    sex: str
    birth_date: date | None
    village_code: str
    url: str


@router.post(
    "/workers",
    response={
        201: WorkerCreatedOut,
        400: WorkerProblem,
        401: WorkerProblem,
        403: WorkerProblem,
        409: WorkerProblem,
        422: WorkerProblem,
    },
    summary="Daftarkan satu pekerja",
    description="409: NIK sudah terdaftar (di wilayah mana pun; tidak ada data lain yang diungkap).",
)
def worker_create(request: HttpRequest, payload: WorkerCreateIn) -> Status[Any]:
    data = payload.dict()
    data["sex"] = data["sex"] or ""
    try:
        w = worker_register(actor=request.user, data=WorkerInput(**data))
    except NikTaken as exc:
        return Status(409, _problems(exc))
    except ValidationError as exc:
        return Status(422, _problems(exc))
    return Status(
        201,
        WorkerCreatedOut(
            id=w.pk,
            nik_masked=mask_nik(w.nik),
            name=w.name,
            sex=w.sex,
            birth_date=w.birth_date,
            village_code=w.village_id,
            url=worker_url(w.pk),
        ),
    )


# --- PATCH /workers/{id} ----------------------------------------------------------------------------


class WorkerUpdateIn(Schema):
    """Only the fields sent are changed; null or "" clears a field. The NIK cannot be changed."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, max_length=150, pattern=TEXT)
    village_code: str | None = Field(None, pattern=VILLAGE_CODE)
    sex: Literal["M", "F"] | None = None
    birth_date: date | None = None
    birth_place: str | None = Field(None, max_length=80, pattern=TEXT)
    address: str | None = Field(None, max_length=255, pattern=TEXT)
    occupation_code: str | None = Field(None, max_length=40, pattern=r"^[a-z0-9-]*$")
    occupation_text: str | None = Field(None, max_length=120, pattern=TEXT)
    income: int | None = Field(None, ge=0, le=10**14 - 1)
    phone: str | None = Field(None, max_length=20, pattern=r"^[0-9+ -]*$")
    decile: int | None = Field(None, ge=1, le=10)
    source: str | None = Field(None, max_length=120, pattern=TEXT)


class WorkerUpdatedOut(Schema):
    id: int
    nik_masked: str
    name: str
    village_code: str
    updated_at: datetime
    url: str


@router.patch(
    "/workers/{worker_id}",
    response={
        200: WorkerUpdatedOut,
        400: WorkerProblem,
        401: WorkerProblem,
        403: WorkerProblem,
        404: WorkerProblem,
        422: WorkerProblem,
    },
    summary="Ubah data satu pekerja (yang dikirim saja)",
)
def worker_patch(request: HttpRequest, worker_id: Path[WorkerId], payload: WorkerUpdateIn) -> Status[Any]:
    worker = access_worker(request.user, worker_id)
    try:
        w = worker_update(actor=request.user, worker=worker, changes=payload.dict(exclude_unset=True))
    except ValidationError as exc:
        return Status(422, _problems(exc))
    return Status(
        200,
        WorkerUpdatedOut(
            id=w.pk,
            nik_masked=mask_nik(w.nik),
            name=w.name,
            village_code=w.village_id,
            updated_at=w.updated_at,
            url=worker_url(w.pk),
        ),
    )
