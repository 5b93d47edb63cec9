"""The coverage dashboard: a region and month, drill-down to its children, the PDF and the table's xlsx."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from jaring.accounts.access import code_in_scope, require_capability, scope_code
from jaring.accounts.roles import Cap, Role
from jaring.billing.table_xlsx import table_xlsx
from jaring.coverage.board_charts import board_charts
from jaring.coverage.dashboard import region_dashboard
from jaring.coverage.models import ParticipantCount
from jaring.coverage.report import coverage_report
from jaring.coverage.scope import NATIONAL, coverage_code
from jaring.coverage.tables import TABLES


def _month(request: HttpRequest, code: str) -> date:
    text = request.GET.get("bulan", "")
    today = timezone.localdate()
    if re.fullmatch(r"\d{4}-\d{2}", text) and 1 <= int(text[5:]) <= 12:
        chosen = date(int(text[:4]), int(text[5:]), 1)
        if chosen <= today.replace(day=1):
            return chosen
    # The latest month BPJS has reported for the region (or below it), else last month.
    rows = ParticipantCount.objects.filter(region_code__startswith=code) if code else ParticipantCount.objects
    latest = rows.order_by("-month").values_list("month", flat=True).first()
    return latest or (today.replace(day=1) if today.day > 1 else today)


@login_required
def dashboard_home(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, Cap.DASHBOARD_VIEW)
    return redirect("coverage:dashboard", slug=scope_code(request.user) or NATIONAL)


def _leader(user: object) -> bool:
    # Leaders (and, later, public pages) see counts under 5 withheld.
    return getattr(user, "role", "") == Role.LEADER


def dashboard_context(request: HttpRequest, slug: str) -> dict[str, Any]:
    """What the dashboard shows of a region; the leader's home page shows it too (web.views.home)."""
    require_capability(request.user, Cap.DASHBOARD_VIEW)
    code = coverage_code(request.user, slug)
    month = _month(request, code)
    board = region_dashboard(code, month, suppress=_leader(request.user))
    # Regions above the user's own are out of scope: no link to them.
    board.crumbs = [c for c in board.crumbs if code_in_scope(request.user, c[0])]
    return {"board": board, "slug": slug, "charts": board_charts(board), "month_value": f"{month:%Y-%m}"}


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "coverage/dashboard.html", dashboard_context(request, slug))


@login_required
def dashboard_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    require_capability(request.user, Cap.DASHBOARD_VIEW)
    code = coverage_code(request.user, slug)
    month = _month(request, code)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "laporan.pdf"
        coverage_report(region_code=code, month=month, pdf=path, suppress=_leader(request.user))
        content = path.read_bytes()
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="cakupan-{slug}-{month:%Y-%m}.pdf"'
    return response


@login_required
def dashboard_xlsx(request: HttpRequest, slug: str, table: str) -> HttpResponse:
    require_capability(request.user, Cap.DASHBOARD_VIEW)
    code = coverage_code(request.user, slug)
    month = _month(request, code)
    board = region_dashboard(code, month, suppress=_leader(request.user))
    made = TABLES[table](board)
    heading = [
        ("Wilayah", board.name),
        ("Bulan", f"{month:%m/%Y}"),
    ]
    response = HttpResponse(
        table_xlsx(made.title, heading, made.header, made.rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"cakupan-{slug}-{table}-{month:%Y-%m}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
