"""Reconciliation pages: a programme's runs and upload form, a run's progress and report, its export."""

from __future__ import annotations

import tempfile
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jaring.billing.forms_reconcile import ActiveListForm
from jaring.billing.models_reconcile import Category
from jaring.billing.reconcile_jobs import may_reconcile, reconciliation_start
from jaring.billing.reconcile_selectors import (
    access_reconciliation_programme,
    access_run,
    cohort_figures,
    finding_rows,
    runs_for,
)
from jaring.billing.reconcile_services import reconciliation_export
from jaring.jobs.models import JobStatus

PAGE_ROWS = 50


@login_required
def runs(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = access_reconciliation_programme(request.user, programme_id)
    context = {
        "programme": programme,
        "runs": runs_for(programme)[:50],
        "figures": cohort_figures(programme),
        "may_upload": may_reconcile(request.user, programme),
        "form": ActiveListForm(),
    }
    return render(request, "billing/reconcile_runs.html", context)


@require_POST
@login_required
def upload(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = access_reconciliation_programme(request.user, programme_id)
    form = ActiveListForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Pilih berkas daftar peserta aktif BPJS untuk diunggah.")
        return redirect("reconcile:runs", programme_id=programme.pk)
    upload = form.cleaned_data["file"]
    try:
        started = reconciliation_start(
            actor=request.user, programme=programme, name=upload.name or "", size=upload.size,
            chunks=upload.chunks(), on=form.cleaned_data["on"],
        )  # fmt: skip
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("reconcile:runs", programme_id=programme.pk)
    return redirect("reconcile:run", programme_id=programme.pk, run_id=started.pk)


def _category(request: HttpRequest) -> str:
    wanted = request.GET.get("kategori", "")
    return wanted if wanted in Category.values else Category.ACTIVE_NOT_PAID.value


@login_required
def run(request: HttpRequest, programme_id: int, run_id: UUID) -> HttpResponse:
    programme = access_reconciliation_programme(request.user, programme_id)
    found = access_run(programme, str(run_id))
    context: dict[str, Any] = {"programme": programme, "run": found, "live": found.progress}
    if found.status == JobStatus.DONE:
        category = _category(request)
        total = int(getattr(found, category) or 0)
        page = Paginator(range(total), PAGE_ROWS).get_page(request.GET.get("halaman"))
        context |= {
            "category": category,
            "categories": [(c.value, c.label, getattr(found, c.value) or 0) for c in Category],
            "page": page,
            "rows": finding_rows(found, category, offset=page.start_index() - 1 if total else 0, limit=PAGE_ROWS),
        }
    template = "billing/_reconcile_status.html" if request.htmx else "billing/reconcile_run.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
def export(request: HttpRequest, programme_id: int, run_id: UUID) -> FileResponse:
    programme = access_reconciliation_programme(request.user, programme_id)
    found = access_run(programme, str(run_id))
    out = tempfile.TemporaryFile(dir=settings.VAR_DIR)  # noqa: SIM115 (FileResponse closes it)
    reconciliation_export(actor=request.user, run=found, out=out)
    out.seek(0)
    stamp = f"{timezone.localtime(found.created_at):%Y%m%d-%H%M}"
    return FileResponse(out, as_attachment=True, filename=f"rekonsiliasi-bpjs-{programme.pk}-{stamp}.xlsx")
