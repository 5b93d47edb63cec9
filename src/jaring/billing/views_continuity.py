"""Pages of the continuity monitor (alerts, renewal list) and of village arrears, with their xlsx exports."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from jaring.accounts.access import has_capability, scope_code
from jaring.accounts.roles import Cap
from jaring.billing.arrears import ageing, village_arrears
from jaring.billing.continuity import HORIZON, continuity_alerts, ending_memberships, renewal_groups
from jaring.billing.table_xlsx import table_xlsx
from jaring.funding.models import Programme, Sponsor
from jaring.funding.selectors import programmes_for, sponsors_for
from jaring.regions.selectors import ancestor_codes
from jaring.rules.nik import mask_nik

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _reader(user: Any) -> bool:
    """May read members' rows; a leader (totals only) may not."""
    if has_capability(user, Cap.BILLING_VIEW):
        return True
    if has_capability(user, Cap.BILLING_TOTALS):
        return False
    raise PermissionDenied("Peran Anda tidak mengizinkan membuka data tagihan.")


def _in_reach(user: Any) -> Q:
    scope = scope_code(user)
    if scope is None:
        return Q()
    return Q(region_id=scope) | Q(region__code__startswith=f"{scope}.") | Q(region_id__in=ancestor_codes(scope))


def _programmes(user: Any) -> QuerySet[Programme]:
    if has_capability(user, Cap.PROGRAMMES_VIEW):
        return programmes_for(user)
    return Programme.objects.filter(_in_reach(user))


def _sponsors(user: Any) -> QuerySet[Sponsor]:
    if has_capability(user, Cap.PROGRAMMES_VIEW):
        return sponsors_for(user)
    return Sponsor.objects.filter(_in_reach(user))


def _days(request: HttpRequest) -> int:
    text = request.GET.get("hari", "")
    return int(text) if text.isdigit() and 1 <= int(text) <= 366 else HORIZON


def _file(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def continuity(request: HttpRequest) -> HttpResponse:
    members = _reader(request.user)
    today = timezone.localdate()
    days = _days(request)
    programmes = list(_programmes(request.user).exclude(status="closed"))
    context = {
        "alerts": continuity_alerts(programmes, today),
        "groups": renewal_groups(programmes, today, days),
        "days": days,
        "today": today,
        "until": today + timedelta(days=days),
        "members": members,
    }
    return render(request, "billing/continuity.html", context)


@login_required
def renewal_export(request: HttpRequest) -> HttpResponse:
    members = _reader(request.user)
    today = timezone.localdate()
    days = _days(request)
    programmes = list(_programmes(request.user))
    groups = renewal_groups(programmes, today, days)
    header = ["Sponsor", "Tahun anggaran", "Peserta", "Iuran sebulan (Rp)"]
    rows: list[list[Any]] = [[g.sponsor.name, str(g.budget_year), g.members, g.monthly] for g in groups]
    if members:
        header += ["", "NIK", "Nama", "Desa/Kelurahan", "Program", "Berakhir"]
        detail = [
            ["", "", "", "", "", mask_nik(m.worker.nik), m.worker.name, m.worker.village.name, m.programme.name, m.end]
            for m in ending_memberships(programmes, today, days)
        ]
        rows += [[], *detail]
    heading = [
        ("Berakhir antara", f"{today:%d/%m/%Y} – {today + timedelta(days=days):%d/%m/%Y}"),
    ]
    return _file(table_xlsx("Daftar perpanjangan", heading, header, rows), f"perpanjangan-{today:%Y%m%d}.xlsx")


@login_required
def village_arrears_page(request: HttpRequest) -> HttpResponse:
    _reader(request.user)
    today = timezone.localdate()
    rows = village_arrears(_sponsors(request.user), today)
    return render(request, "billing/village_arrears.html", {"rows": rows, "ageing": ageing(rows), "today": today})


@login_required
def village_arrears_export(request: HttpRequest) -> HttpResponse:
    _reader(request.user)
    today = timezone.localdate()
    rows = village_arrears(_sponsors(request.user), today)
    header = [
        "Desa/Kelurahan",
        "Sponsor",
        "Status",
        "Ditagih (Rp)",
        "Dibayar (Rp)",
        "Tunggakan (Rp)",
        "Bulan tertua belum dibayar",
        "Lama menunggak",
        "Kelompok umur",
    ]
    data = [
        [
            r.sponsor.region.name,
            r.sponsor.name,
            r.status,
            r.billed,
            r.paid,
            r.arrears,
            r.oldest,
            f"{r.months} bulan" if r.arrears > 0 else "",
            r.bucket,
        ]
        for r in rows
    ]
    heading = [("Per tanggal", f"{today:%d/%m/%Y}")]
    return _file(table_xlsx("Tunggakan desa", heading, header, data), f"tunggakan-desa-{today:%Y%m%d}.xlsx")
