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
    from jaring.coverage.indicators import Figure
    from jaring.coverage.report import CoverageReport

# Short labels: the chart's left column holds about 26 characters.
CHART_CODES = {
    "UCJ": "Semua segmen",
    "PU": "Penerima upah (PU)",
    "BPU": "Bukan penerima upah",
    "PU_POTENTIAL": "PU thd. potensi",
    "BPU_POTENTIAL": "BPU thd. potensi",
    "JAKON_POTENTIAL": "Jakon thd. potensi",
}


def segments_chart(figures: list[Figure]) -> str:
    by_code = {f.indicator.code: f for f in figures}
    ucj = by_code["UCJ"]
    bars = [Bar(label, by_code[code].value) for code, label in CHART_CODES.items()]
    return bars_svg("Cakupan kepesertaan menurut segmen", bars, ucj.target, "target")


def report_chart(report: CoverageReport) -> str:
    return segments_chart(report.figures)


def write_report_pdf(report: CoverageReport, path: Path) -> None:
    context = {
        "report": report,
        "chart": mark_safe(report_chart(report)),  # noqa: S308 (our own markup; every text in it is escaped)
        "made": timezone.localtime(),
    }
    html = render_to_string("coverage/pdf/report.html", context)
    fetcher = URLFetcher(allowed_protocols=("file",), timeout=1)
    path.write_bytes(HTML(string=html, url_fetcher=fetcher).write_pdf())
