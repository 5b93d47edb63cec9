"""REST endpoints of the budget planner and programmes (issue 10): the CLI's inputs and JSON, scoped like
the pages (``programmes_for`` / ``access_programme``; creating needs Cap.PROGRAMMES_EDIT in the region)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.urls import reverse
from django.utils.timezone import localdate
from ninja import Field, Path, Router, Schema, Status
from pydantic import ConfigDict

from jaring.accounts.access import require_capability
from jaring.accounts.roles import Cap
from jaring.funding.models import Programme
from jaring.funding.selectors import access_programme, programmes_for
from jaring.funding.services import FundingRefused, ProgrammeInput, parse_sponsor, programme_create
from jaring.rules.budget import plan_budget
from jaring.rules.budget_parse import budget_fields
from jaring.rules.errors import RuleInputError

router = Router(tags=["program"])

TEXT = r"^[^\x00-\x1f\x7f]*$"
ProgrammeId = Annotated[int, Field(ge=1, le=2**63 - 1)]
MAX_RUPIAH = 10**14


class Problem(Schema):
    """Every refusal: an Indonesian sentence (with a stable code where the service gives one), or the list
    of invalid fields (422 from validation)."""

    detail: str | list[dict[str, Any]]
    code: str | None = None


def refusal(code: str, message: str) -> dict[str, str]:
    return {"detail": message, "code": code}


# --- POST /plan/budget -------------------------------------------------------------------------------

Number = str | int


class BudgetIn(Schema):
    """The flags of `jaring plan budget`, with the same defaults."""

    budget: Number = Field(description='anggaran dalam rupiah, mis. 1919937600 atau "1.919.937.600"')
    months: Number = Field(description="jumlah bulan perlindungan")
    package: str = Field("bpu-basic", max_length=20, description="bpu-basic (JKK+JKM) atau bpu-jht (dengan JHT)")
    income: Number | None = Field(None, description="penghasilan yang dilaporkan (bawaan Rp1.000.000)")
    on: str | None = Field(None, max_length=20, description="bulan pertama, YYYY-MM-DD (bawaan hari ini)")
    funder: str = Field("apbd", max_length=20, description="apbd, apbdes, dbhcht, csr, donor, baznas, apbn, self")


class BudgetOut(Schema):
    workers: int
    months: int
    monthly_cost: str
    cost: str
    unspent: str


@router.post(
    "/plan/budget",
    response={200: BudgetOut, 400: Problem, 401: Problem, 422: Problem},
    summary="Berapa pekerja yang terlindungi oleh sebuah anggaran (sama dengan `jaring plan budget --json`)",
    description="Perhitungan murni dari aturan iuran; tidak membaca data wilayah mana pun.",
)
def plan_budget_post(request: HttpRequest, payload: BudgetIn) -> Status[Any]:
    fields = {k: None if v is None else str(v) for k, v in payload.dict().items()}
    try:
        plan = plan_budget(**budget_fields(fields, today=localdate()))
    except RuleInputError as exc:
        return Status(400, refusal(exc.code, exc.message_id))
    return Status(200, plan.as_json())


# --- GET /programmes, GET /programmes/{id} ----------------------------------------------------------


class ProgrammeItem(Schema):
    id: int
    name: str
    region_code: str
    region_name: str
    segment: str
    package: str
    start: date
    months: int | None
    days: int | None
    budget: int | None
    status: str
    url: str


class ProgrammeListOut(Schema):
    count: int
    items: list[ProgrammeItem]


class SponsorShareOut(Schema):
    kind: str
    name: str
    share: str  # a percentage as a decimal string, e.g. "60" or "12.5"
    wadah: str


class ProgrammeDetailOut(ProgrammeItem):
    income: int
    wage: int | None
    max_age: int
    legal_basis: str
    agreement: str
    occupations: list[str]
    deciles: list[int]
    priority: list[str]
    sponsors: list[SponsorShareOut]


def _money(value: Decimal | None) -> int | None:
    return None if value is None else int(value)


def _item(p: Programme) -> dict[str, Any]:
    return {
        "id": p.pk,
        "name": p.name,
        "region_code": p.region_id,
        "region_name": p.region.name,
        "segment": p.segment,
        "package": p.package,
        "start": p.start,
        "months": p.months,
        "days": p.days,
        "budget": _money(p.budget),
        "status": p.status,
        "url": reverse("api:programme_get", kwargs={"programme_id": p.pk}),
    }


@router.get(
    "/programmes",
    response={200: ProgrammeListOut, 401: Problem, 403: Problem},
    summary="Program yang boleh Anda lihat (wilayah Anda dan di atasnya; pemberi dana: yang didanainya)",
)
def programme_list(request: HttpRequest) -> ProgrammeListOut:
    programmes = list(programmes_for(request.user).select_related("region").order_by("-start", "name", "pk"))
    return ProgrammeListOut(count=len(programmes), items=[ProgrammeItem(**_item(p)) for p in programmes])


@router.get(
    "/programmes/{programme_id}",
    response={200: ProgrammeDetailOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Satu program dengan para pemberi dananya",
    url_name="programme_get",
)
def programme_get(request: HttpRequest, programme_id: Path[ProgrammeId]) -> ProgrammeDetailOut:
    p = access_programme(request.user, programme_id)
    shares = sorted(p.sponsors.select_related("sponsor"), key=lambda s: (-s.share, s.pk))
    return ProgrammeDetailOut(
        **_item(p),
        income=int(p.income),
        wage=_money(p.wage),
        max_age=p.max_age,
        legal_basis=p.legal_basis,
        agreement=p.agreement,
        occupations=list(p.occupations or []),
        deciles=[int(d) for d in p.deciles or []],
        priority=list(p.priority or []),
        sponsors=[
            SponsorShareOut(kind=s.sponsor.kind, name=s.sponsor.name, share=f"{s.share.normalize():f}", wadah=s.wadah)
            for s in shares
        ],
    )


# --- POST /programmes -------------------------------------------------------------------------------


class SponsorIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: str = Field(max_length=20, pattern=r"^[a-z-]+$", description="apbd, apbd-prov, apbdes, dbhcht, csr, …")
    name: str = Field(min_length=1, max_length=200, pattern=TEXT)
    share: Decimal = Field(gt=0, le=100, description="bagian dalam persen; semua sponsor berjumlah 100")


class ProgrammeCreateIn(Schema):
    """The flags of `jaring programme create`."""

    model_config = ConfigDict(extra="forbid")

    region: str = Field(pattern=r"^\d{2}(\.\d{2})?$", description="kode provinsi atau kabupaten/kota, mis. 33.28")
    name: str = Field(min_length=1, max_length=200, pattern=TEXT)
    segment: Literal["bpu", "pu", "adhoc"]
    package: Literal["bpu-basic", "bpu-jht"] = "bpu-basic"
    start: date
    months: int | None = Field(None, ge=1, le=60)
    days: int | None = Field(None, ge=1, le=62, description="badan ad hoc pemilu: jumlah hari alih-alih bulan")
    wage: int | None = Field(None, ge=1, le=MAX_RUPIAH, description="upah sebulan (segmen pu)")
    sponsors: list[SponsorIn] = Field(default_factory=list, max_length=20, description="kosong: APBD wilayah 100%")
    budget: int | None = Field(None, ge=1, le=MAX_RUPIAH)
    max_age: int = Field(65, ge=15, le=100)


class ProgrammeCreatedOut(Schema):
    id: int


@router.post(
    "/programmes",
    response={201: ProgrammeCreatedOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Buat program perlindungan di wilayah Anda (sama dengan `jaring programme create --json`)",
    description="400: masukan ditolak (kode dan pesan); 404: wilayah di luar wilayah Anda.",
)
def programme_create_post(request: HttpRequest, payload: ProgrammeCreateIn) -> Status[Any]:
    require_capability(request.user, Cap.PROGRAMMES_EDIT)
    try:
        inp = ProgrammeInput(
            region_code=payload.region,
            name=payload.name,
            segment=payload.segment,
            package=payload.package,
            start=payload.start,
            months=payload.months,
            days=payload.days,
            wage=None if payload.wage is None else Decimal(payload.wage),
            budget=None if payload.budget is None else Decimal(payload.budget),
            max_age=payload.max_age,
            sponsors=tuple(parse_sponsor(f"{s.kind}:{s.name}:{s.share}") for s in payload.sponsors),
        )
        programme = programme_create(actor=request.user, inp=inp)
    except FundingRefused as exc:
        return Status(400, refusal(exc.code, exc.message))
    return Status(201, ProgrammeCreatedOut(id=programme.pk))
