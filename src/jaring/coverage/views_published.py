"""Published coverage rates of a region and the regions inside it, each beside our rate recomputed from
the counts printed with it (issue 12), and the same table as xlsx. Scoped as the dashboard is."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jaring.accounts.access import require_capability
from jaring.accounts.roles import Cap
from jaring.billing.table_xlsx import table_xlsx
from jaring.coverage.published import PublishedRow, published_for_region
from jaring.coverage.scope import coverage_code, coverage_region_name
from jaring.coverage.templatetags.published_format import poin, terbit


@login_required
def published(request: HttpRequest, slug: str) -> HttpResponse:
    require_capability(request.user, Cap.DASHBOARD_VIEW)
    code = coverage_code(request.user, slug)
    rows = published_for_region(code)
    context = {
        "slug": slug,
        "name": coverage_region_name(code),
        "rows": rows,
        "flagged": sum(r.figure.flagged for r in rows),
    }
    return render(request, "coverage/published.html", context)


def _verdict(row: PublishedRow) -> str:
    if row.figure.recomputed is None:
        return "Tidak dapat dihitung ulang: jumlahnya tidak diterbitkan"
    return "Tidak cocok dengan hitungannya sendiri" if row.figure.flagged else "Cocok"


@login_required
def published_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    require_capability(request.user, Cap.DASHBOARD_VIEW)
    code = coverage_code(request.user, slug)
    header = [
        "Kode", "Wilayah", "Periode", "Segmen", "Peserta", "Penyebut", "Diterbitkan (%)",
        "Hitungan ulang (%)", "Selisih (poin persen)", "Pemeriksaan", "Catatan", "Sumber",
    ]  # fmt: skip
    rows = [
        [
            r.figure.region_code, r.region_name, r.figure.period, r.figure.get_segment_display(),
            r.figure.participants, r.figure.potential, terbit(r.figure),
            "" if r.figure.recomputed is None else f"{r.figure.recomputed * 100:.2f}".replace(".", ","),
            poin(r.figure.difference), _verdict(r), r.figure.note, r.figure.source,
        ]
        for r in published_for_region(code)
    ]  # fmt: skip
    heading = [("Wilayah", coverage_region_name(code))]
    response = HttpResponse(
        table_xlsx("Angka cakupan yang diterbitkan", heading, header, rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="angka-terbit-{slug}.xlsx"'
    return response
