"""The monthly executive PDF of a region (WeasyPrint): headline figures, the gap to target, the chart,
the denominators and sources named, and a signature block."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from weasyprint import HTML, URLFetcher

from jaring.coverage.charts import Bar, bars_svg

if TYPE_CHECKING:
    from jaring.coverage.report import CoverageReport

CHART_CODES = ("UCJ", "PU", "BPU", "PU_POTENTIAL", "BPU_POTENTIAL", "JAKON_POTENTIAL")


def report_chart(report: CoverageReport) -> str:
    figures = {f.indicator.code: f for f in report.figures}
    ucj = figures["UCJ"]
    bars = [Bar(figures[c].indicator.name_id.split(" (")[0], figures[c].value) for c in CHART_CODES]
    return bars_svg("Cakupan kepesertaan menurut segmen", bars, ucj.target, "target")


def write_report_pdf(report: CoverageReport, path: Path) -> None:
    context = {
        "report": report,
        "chart": mark_safe(report_chart(report)),  # noqa: S308 (our own markup; every text in it is escaped)
        "made": timezone.localtime(),
    }
    html = render_to_string("coverage/pdf/report.html", context)
    fetcher = URLFetcher(allowed_protocols=("file",), timeout=1)
    path.write_bytes(HTML(string=html, url_fetcher=fetcher).write_pdf())
