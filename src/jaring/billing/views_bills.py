"""The bill pages (tagihan): sponsors with their sums and the month's bills, one sponsor's bills, one bill."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from jaring.billing.export_xlsx import Column, xlsx_bytes, xlsx_response
from jaring.billing.forms import MonthField
from jaring.billing.models import Bill, LineKind
from jaring.billing.selectors import (
    access_bill,
    access_billing_sponsor,
    bill_breakdown,
    bill_lines,
    bill_status,
    billing_sponsors_for,
    bills_for,
    may_record,
    may_see_lines,
    sponsor_summaries,
)
from jaring.billing.words import BENEFITS, month_label, months_label, rule_label, status_label
from jaring.rules.nik import mask_nik
from jaring.rules.table import month_start

LINES_PER_PAGE = 100


def _month(request: HttpRequest) -> date:
    """The month asked for (?month=2026-01), this month when none or unreadable."""
    try:
        month = MonthField(required=False).to_python(request.GET.get("month", ""))
    except ValidationError:  # an unreadable month shows this month, as when none was given
        month = None
    return month or month_start(timezone.localdate())


def _bill_row(bill: Bill) -> dict[str, object]:
    status = bill_status(bill)
    return {
        "bill": bill,
        "covered": months_label(bill.month, bill.months),
        "status": status,
        "status_label": status_label(status),
    }


@login_required
def sponsor_list(request: HttpRequest) -> HttpResponse:
    month = _month(request)
    sponsors = list(billing_sponsors_for(request.user).order_by("name"))
    context = {
        "summaries": sponsor_summaries(sponsors),
        "month": month,
        "month_label": month_label(month),
        "bills": [_bill_row(b) for b in bills_for(request.user, month=month)],
        "may_record": may_record(request.user),
    }
    return render(request, "billing/sponsor_list.html", context)


@login_required
def sponsor_list_export(request: HttpRequest) -> HttpResponse:
    sponsors = list(billing_sponsors_for(request.user).order_by("name"))
    columns = [Column("Sponsor", width=32), Column("Jenis"), Column("Wilayah", width=24)] + [
        Column(h, "money") for h in ("Ditagih (Rp)", "Dibayar (Rp)", "Tunggakan (Rp)", "Saldo (Rp)")
    ]
    rows = [
        [
            s.sponsor.name,
            str(s.sponsor.get_kind_display()),
            s.sponsor.region.name,
            s.billed,
            s.paid,
            s.arrears,
            s.credit,
        ]
        for s in sponsor_summaries(sponsors)
    ]
    content = xlsx_bytes("Tagihan per sponsor", [], columns, rows)
    return xlsx_response("tagihan-sponsor.xlsx", content)


BILL_COLUMNS = [
    Column("Sponsor", width=30),
    Column("Bulan", width=16),
    Column("Bulan iuran", width=30),
    Column("Peserta", "number", 10),
    Column("Iuran (Rp)", "money"),
    Column("Koreksi (Rp)", "money"),
    Column("Denda (Rp)", "money"),
    Column("Jumlah (Rp)", "money"),
    Column("Terbayar (Rp)", "money"),
    Column("Status", width=14),
    Column("Lunas pada", "date", 12),
]


def _bill_cells(bill: Bill) -> list[object]:
    return [
        bill.sponsor.name,
        month_label(bill.month),
        months_label(bill.month, bill.months),
        bill.members,
        bill.iuran,
        bill.adjustments,
        bill.fines,
        bill.total,
        bill.paid,
        status_label(bill_status(bill)),
        bill.settled_on,
    ]


@login_required
def month_export(request: HttpRequest) -> HttpResponse:
    month = _month(request)
    rows = [_bill_cells(b) for b in bills_for(request.user, month=month)]
    content = xlsx_bytes("Tagihan bulan", [("Bulan", month_label(month))], BILL_COLUMNS, rows)
    return xlsx_response(f"tagihan-{month:%Y-%m}.xlsx", content)


@login_required
def sponsor_bills(request: HttpRequest, sponsor_id: int) -> HttpResponse:
    sponsor = access_billing_sponsor(request.user, sponsor_id)
    summary = sponsor_summaries([sponsor])[0]
    bills = [_bill_row(b) for b in bills_for(request.user, sponsor_id=sponsor.pk).order_by("-month")]
    context = {"sponsor": sponsor, "summary": summary, "bills": bills, "may_record": may_record(request.user)}
    return render(request, "billing/sponsor_bills.html", context)


@login_required
def sponsor_bills_export(request: HttpRequest, sponsor_id: int) -> HttpResponse:
    sponsor = access_billing_sponsor(request.user, sponsor_id)
    rows = [_bill_cells(b) for b in bills_for(request.user, sponsor_id=sponsor.pk)]
    content = xlsx_bytes("Tagihan sponsor", [("Sponsor", sponsor.name)], BILL_COLUMNS, rows)
    return xlsx_response(f"tagihan-sponsor-{sponsor.pk}.xlsx", content)


def _line_row(line: object) -> dict[str, object]:
    worker = line.membership.worker  # type: ignore[attr-defined]
    return {
        "line": line,
        "nik": mask_nik(worker.nik),
        "name": worker.name,
        "rule": rule_label(line.rule_code, line.month),  # type: ignore[attr-defined]
    }


@login_required
def bill_detail(request: HttpRequest, bill_id: int) -> HttpResponse:
    bill = access_bill(request.user, bill_id)
    status = bill_status(bill)
    context: dict[str, object] = {
        "bill": bill,
        "covered": months_label(bill.month, bill.months),
        "month_label": month_label(bill.month),
        "status": status,
        "status_label": status_label(status),
        "breakdown": bill_breakdown(bill),
        "benefits": BENEFITS,
        "may_see_lines": may_see_lines(request.user),
    }
    if context["may_see_lines"]:
        page = Paginator(bill_lines(request.user, bill), LINES_PER_PAGE).get_page(request.GET.get("page"))
        context["page"] = page
        context["lines"] = [_line_row(line) for line in page]
    return render(request, "billing/bill_detail.html", context)


@login_required
def bill_export(request: HttpRequest, bill_id: int) -> HttpResponse:
    """The bill's lines (NIK masked); a leader's export holds the sums per programme and benefit only."""
    bill = access_bill(request.user, bill_id)
    heading = [("Sponsor", bill.sponsor.name), ("Bulan", months_label(bill.month, bill.months))]
    name = f"tagihan-{bill.pk}.xlsx"
    if not may_see_lines(request.user):
        columns = [Column("Program", width=32), Column("Manfaat", width=8), Column("Peserta", "number", 10)] + [
            Column(h, "money") for h in ("Iuran (Rp)", "Koreksi (Rp)", "Denda (Rp)", "Jumlah (Rp)")
        ]
        rows = [
            [b.programme, b.benefit, b.members, b.iuran, b.adjustments, b.fines, b.total] for b in bill_breakdown(bill)
        ]
        return xlsx_response(name, xlsx_bytes("Rincian tagihan", heading, columns, rows))
    kinds = dict(LineKind.choices)
    columns = [
        Column("NIK", width=19),
        Column("Nama", width=28),
        Column("Program", width=28),
        Column("Bulan iuran", width=16),
        Column("Manfaat", width=8),
        Column("Jenis", width=20),
        Column("Jumlah (Rp)", "money"),
        Column("Aturan", width=40),
        Column("Kode aturan", width=22),
    ]
    lines = (
        [
            mask_nik(line.membership.worker.nik),
            line.membership.worker.name,
            line.membership.programme.name,
            month_label(line.month),
            line.benefit,
            str(kinds.get(line.kind, line.kind)),
            line.amount,
            rule_label(line.rule_code, line.month),
            line.rule_code,
        ]
        for line in bill_lines(request.user, bill).iterator(chunk_size=2000)
    )
    return xlsx_response(name, xlsx_bytes("Rincian tagihan", heading, columns, lines))
