from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jaring.accounts.access import access_region, require_capability, scope_code
from jaring.accounts.models import User
from jaring.accounts.roles import CAPABILITIES, Cap, Role
from jaring.audit.selectors import audit_events_in_scope
from jaring.regions.selectors import region_ancestors, region_children
from jaring.rules.nik import check_nik
from jaring.web.nik_lookup import region_name_lookup

# What each role does in Jaring, shown on the home page (users.md).
ROLE_JOBS: dict[str, list[str | Promise]] = {
    Role.ADMIN: [_("Mengelola pengguna dan peran di wilayah Anda"), _("Membaca jejak audit")],
    Role.OPERATOR: [
        _("Mengimpor daftar pekerja dari desa dan asosiasi"),
        _("Merencanakan program dalam pagu APBD/DBHCHT"),
        _("Mengirim berkas pendaftaran ke BPJS dan mencatat pembayaran"),
    ],
    Role.VILLAGE_OPERATOR: [
        _("Mengajukan pekerja rentan desa Anda"),
        _("Melihat siapa yang terlindungi dan sampai kapan"),
    ],
    Role.BPJS_OFFICER: [
        _("Memuat data peserta BPJS dan merekonsiliasi pembayaran Pemda"),
        _("Mengikuti klaim"),
    ],
    Role.SPONSOR: [_("Melihat pekerja yang Anda danai, tagihan dan pembayarannya")],
    Role.AUDITOR: [_("Membaca seluruh data wilayah Anda dan jejak auditnya (hanya baca)")],
    Role.LEADER: [_("Melihat capaian cakupan terhadap target (angka agregat)")],
}


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    scope = scope_code(user)
    region = access_region(user, scope) if scope else None
    return render(
        request,
        "web/home.html",
        {
            "region": region,
            "ancestors": region_ancestors(region) if region else [],
            "role_label": Role(user.role).label if user.role else _("Superuser nasional"),
            "jobs": ROLE_JOBS.get(user.role, []),
            "capabilities": sorted(CAPABILITIES.get(user.role, frozenset())),
            "today": timezone.localdate(),
        },
    )


@login_required
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = access_region(_user(request), code)
    children = region_children(region).only("code", "name", "type", "level", "postal_code")
    return render(
        request,
        "web/region_detail.html",
        {"region": region, "ancestors": region_ancestors(region), "children": children},
    )


@login_required
def nik_check(request: HttpRequest) -> HttpResponse:
    require_capability(_user(request), Cap.NIK_CHECK)
    raw = request.GET.get("nik", "").strip()
    result = check_nik(raw, reference_date=timezone.localdate(), region_lookup=region_name_lookup) if raw else None
    template = "web/_nik_result.html" if request.htmx else "web/nik_check.html"  # type: ignore[attr-defined]
    return render(request, template, {"raw": raw, "result": result})


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    require_capability(user, Cap.AUDIT_VIEW)
    events = audit_events_in_scope(scope_code=scope_code(user))
    action = request.GET.get("action", "").strip()
    if action:
        events = events.filter(action__startswith=action)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "web/audit.html", {"page": page, "action": action})
