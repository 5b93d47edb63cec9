"""REST endpoints of bills, billing runs and payments (issue 11), scoped like the pages (billing.selectors):
a sponsor user reaches its own sponsors' bills only, a leader the totals without any member's line, others
their region's sponsors; runs and payments need Cap.BILLING_EDIT. Amounts are decimal strings of whole
rupiah, as in the CLI's JSON."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from typing import Annotated, Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import ConfigDict

from jaring.billing.models import Bill, BillingRunJob, Payment
from jaring.billing.payments import payment_record
from jaring.billing.refusal import BillingRefused
from jaring.billing.run_jobs import billing_job_start
from jaring.billing.selectors import (
    access_bill,
    access_billing_job,
    access_billing_sponsor,
    bill_breakdown,
    bill_lines,
    bill_status,
    bills_for,
    may_see_lines,
    payments_for,
)
from jaring.funding.api import Problem, refusal
from jaring.rules.nik import mask_nik

router = Router(tags=["tagihan"])

TEXT = r"^[^\x00-\x1f\x7f]*$"
MONTH = r"^20\d{2}-(0[1-9]|1[0-2])$"  # 2000-2099: the years bills can be for
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
MAX_LINES = 500
STATUS_CODE = {"Lunas": "paid", "Sebagian": "partial", "Belum dibayar": "unpaid"}


def _rp(value: Decimal) -> str:
    return str(int(value))


def _month(text: str) -> date:
    return date.fromisoformat(f"{text}-01")


# --- GET /bills ---------------------------------------------------------------------------------------


class BillFilterIn(Schema):
    sponsor: int | None = Field(None, ge=1, le=2**63 - 1, description="nomor sponsor")
    month: str = Field("", pattern=rf"({MONTH})|^$", description="bulan tagihan, YYYY-MM")
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(50, ge=1, le=200)


class BillItem(Schema):
    id: int
    sponsor_id: int
    sponsor: str
    month: str = Field(description="YYYY-MM, bulan iuran pertama")
    months: int = Field(description="jumlah bulan iuran yang ditagih")
    members: int
    iuran: str
    adjustments: str
    fines: str
    total: str
    paid: str
    outstanding: str
    status: str = Field(description="paid (Lunas), partial (Sebagian) atau unpaid (Belum dibayar)")
    status_label: str
    settled_on: date | None


class BillListOut(Schema):
    count: int
    page: int
    pages: int
    items: list[BillItem]


def _bill_item(bill: Bill) -> BillItem:
    status = bill_status(bill)
    return BillItem(
        id=bill.pk,
        sponsor_id=bill.sponsor_id,
        sponsor=bill.sponsor.name,
        month=f"{bill.month:%Y-%m}",
        months=bill.months,
        members=bill.members,
        iuran=_rp(bill.iuran),
        adjustments=_rp(bill.adjustments),
        fines=_rp(bill.fines),
        total=_rp(bill.total),
        paid=_rp(bill.paid),
        outstanding=_rp(bill.outstanding),
        status=STATUS_CODE[status],
        status_label=status,
        settled_on=bill.settled_on,
    )


@router.get(
    "/bills",
    response={200: BillListOut, 401: Problem, 403: Problem, 422: Problem},
    summary="Tagihan per sponsor per bulan (sponsor: tagihannya sendiri)",
)
def bill_list(request: HttpRequest, filters: Query[BillFilterIn]) -> BillListOut:
    bills = bills_for(request.user, sponsor_id=filters.sponsor, month=_month(filters.month) if filters.month else None)
    count = bills.count()
    first = (filters.page - 1) * filters.page_size
    return BillListOut(
        count=count,
        page=filters.page,
        pages=max(1, math.ceil(count / filters.page_size)),
        items=[_bill_item(b) for b in bills[first : first + filters.page_size]],
    )


# --- GET /bills/{id} ----------------------------------------------------------------------------------


class BreakdownItem(Schema):
    programme: str
    benefit: str = Field(description="JKK, JKM atau JHT")
    members: int
    iuran: str
    adjustments: str
    fines: str
    total: str


class LineItem(Schema):
    membership_id: int
    nik_masked: str
    name: str
    month: str
    benefit: str
    kind: str = Field(description="i iuran, a koreksi, f denda")
    amount: str
    rule_code: str


class BillDetailOut(BillItem):
    warnings: list[dict[str, Any]]
    breakdown: list[BreakdownItem]
    lines: list[LineItem] | None = Field(description="kosong (null) bagi pimpinan: hanya jumlah")
    lines_count: int | None
    lines_page: int | None


class LinePageIn(Schema):
    page: int = Field(1, ge=1, le=1_000_000, description=f"halaman baris, {MAX_LINES} per halaman")


@router.get(
    "/bills/{bill_id}",
    response={200: BillDetailOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Satu tagihan: jumlah per program dan manfaat, baris per peserta (bukan untuk pimpinan)",
)
def bill_get(request: HttpRequest, bill_id: Path[Id], paging: Query[LinePageIn]) -> BillDetailOut:
    bill = access_bill(request.user, bill_id)
    breakdown = [
        BreakdownItem(
            programme=b.programme,
            benefit=b.benefit,
            members=b.members,
            iuran=_rp(b.iuran),
            adjustments=_rp(b.adjustments),
            fines=_rp(b.fines),
            total=_rp(b.total),
        )
        for b in bill_breakdown(bill)
    ]
    lines = count = page = None
    if may_see_lines(request.user):
        found = bill_lines(request.user, bill)
        count, page = found.count(), paging.page
        first = (page - 1) * MAX_LINES
        lines = [
            LineItem(
                membership_id=line.membership_id,
                nik_masked=mask_nik(line.membership.worker.nik),
                name=line.membership.worker.name,
                month=f"{line.month:%Y-%m}",
                benefit=line.benefit,
                kind=line.kind,
                amount=_rp(line.amount),
                rule_code=line.rule_code,
            )
            for line in found[first : first + MAX_LINES]
        ]
    return BillDetailOut(
        **_bill_item(bill).dict(),
        warnings=bill.warnings,
        breakdown=breakdown,
        lines=lines,
        lines_count=count,
        lines_page=page,
    )


# --- POST /billing/runs, GET /billing/runs/{id} -------------------------------------------------------


class RunIn(Schema):
    model_config = ConfigDict(extra="forbid")

    month: str = Field(pattern=MONTH, description="bulan iuran, YYYY-MM")
    sponsor: int | None = Field(None, ge=1, le=2**63 - 1, description="nomor sponsor (kosong: semua sponsor)")


class BillingRunOut(Schema):
    id: UUID
    month: str
    sponsor: int | None
    status: str
    stage: str
    done: int
    total: int
    summary: dict[str, Any] | None = Field(description="keluaran `jaring billing run --json` setelah selesai")
    error: str | None


def _run_out(job: BillingRunJob) -> BillingRunOut:
    return BillingRunOut(
        id=job.pk,
        month=f"{job.month:%Y-%m}",
        sponsor=job.sponsor_id,
        status=job.status,
        stage=job.stage,
        done=job.done,
        total=job.total,
        summary=job.summary or None,
        error=job.error or None,
    )


@router.post(
    "/billing/runs",
    response={202: BillingRunOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="Mulai penagihan sebulan sebagai tugas latar (`jaring billing run`)",
    description="409 BILL.RUN_BUSY: penagihan lain di wilayah Anda masih berjalan.",
)
def billing_run_post(request: HttpRequest, payload: RunIn) -> Status[Any]:
    sponsor = access_billing_sponsor(request.user, payload.sponsor) if payload.sponsor else None
    try:
        job = billing_job_start(actor=request.user, month=_month(payload.month), sponsor=sponsor)
    except BillingRefused as refused:
        return Status(409, refusal(refused.code, refused.message))
    return Status(202, _run_out(job))


@router.get(
    "/billing/runs/{job_id}",
    response={200: BillingRunOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Kemajuan dan hasil sebuah penagihan",
)
def billing_run_get(request: HttpRequest, job_id: Path[UUID]) -> BillingRunOut:
    return _run_out(access_billing_job(request.user, str(job_id)))


# --- GET/POST /payments -------------------------------------------------------------------------------


class PaymentFilterIn(Schema):
    sponsor: int | None = Field(None, ge=1, le=2**63 - 1, description="nomor sponsor")
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(50, ge=1, le=200)


class PaymentItem(Schema):
    id: int
    sponsor_id: int
    sponsor: str
    paid_on: date
    amount: str
    reference: str
    sp2d_number: str
    sp2d_date: date | None
    kode_iuran: str
    jkk_account: str
    jkm_account: str
    has_proof: bool


class PaymentListOut(Schema):
    count: int
    page: int
    pages: int
    items: list[PaymentItem]


def _payment_item(p: Payment) -> PaymentItem:
    # Where the proof lies on the server is never given out: only whether there is one.
    return PaymentItem(
        id=p.pk,
        sponsor_id=p.sponsor_id,
        sponsor=p.sponsor.name,
        paid_on=p.paid_on,
        amount=_rp(p.amount),
        reference=p.reference,
        sp2d_number=p.sp2d_number,
        sp2d_date=p.sp2d_date,
        kode_iuran=p.kode_iuran,
        jkk_account=p.jkk_account,
        jkm_account=p.jkm_account,
        has_proof=bool(p.proof),
    )


@router.get(
    "/payments",
    response={200: PaymentListOut, 401: Problem, 403: Problem, 422: Problem},
    summary="Pembayaran sponsor (sponsor: pembayarannya sendiri)",
)
def payment_list(request: HttpRequest, filters: Query[PaymentFilterIn]) -> PaymentListOut:
    payments = payments_for(request.user, sponsor_id=filters.sponsor)
    count = payments.count()
    first = (filters.page - 1) * filters.page_size
    return PaymentListOut(
        count=count,
        page=filters.page,
        pages=max(1, math.ceil(count / filters.page_size)),
        items=[_payment_item(p) for p in payments[first : first + filters.page_size]],
    )


class PaymentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    sponsor: int = Field(ge=1, le=2**63 - 1)
    amount: str | int = Field(description='rupiah utuh: 1500000 atau "1.500.000"')
    paid_on: date
    reference: str = Field("", max_length=120, pattern=TEXT)
    sp2d_number: str = Field("", max_length=60, pattern=TEXT)
    sp2d_date: date | None = None
    kode_iuran: str = Field("", max_length=40, pattern=TEXT)
    jkk_account: str = Field("", max_length=60, pattern=TEXT)
    jkm_account: str = Field("", max_length=60, pattern=TEXT)


class PaymentOut(Schema):
    payment: int
    allocated: str
    carried: str


def _amount(value: str | int) -> Decimal | None:
    text = str(value).replace("Rp", "").replace(" ", "").strip()
    if isinstance(value, str) and "." in text:
        parts = text.split(".")
        if not (1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])):
            return None
        text = text.replace(".", "")
    return Decimal(text) if text.isdigit() and len(text) <= 16 else None


@router.post(
    "/payments",
    response={201: PaymentOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Catat pembayaran sponsor (`jaring billing pay`); bukti bayar hanya melalui halaman",
    description="Melunasi tagihan tertua lebih dahulu; kelebihannya (`carried`) menjadi saldo tagihan berikutnya.",
)
def payment_post(request: HttpRequest, payload: PaymentIn) -> Status[Any]:
    sponsor = access_billing_sponsor(request.user, payload.sponsor)
    amount = _amount(payload.amount)
    if amount is None:
        return Status(400, refusal("PAYMENT.AMOUNT", "Jumlah pembayaran harus rupiah bulat, mis. 1.500.000."))
    try:
        result = payment_record(
            actor=request.user,
            sponsor=sponsor,
            amount=amount,
            paid_on=payload.paid_on,
            reference=payload.reference,
            sp2d_number=payload.sp2d_number,
            sp2d_date=payload.sp2d_date,
            kode_iuran=payload.kode_iuran,
            jkk_account=payload.jkk_account,
            jkm_account=payload.jkm_account,
        )
    except BillingRefused as refused:
        return Status(400, refusal(refused.code, refused.message))
    return Status(201, result.as_json())
