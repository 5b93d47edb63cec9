"""The monthly executive PDF of a region (WeasyPrint): headline figures, the gap to target, the dashboard's
charts, Jaring's own figures, a table per child region, the denominators and sources named, and a signature
block. It is drawn from the same dashboard as the page, so page and PDF show the same charts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML, URLFetcher

from jaring.coverage.board_charts import board_charts
from jaring.coverage.dashboard import region_dashboard

if TYPE_CHECKING:
    from jaring.coverage.report import CoverageReport


def write_report_pdf(report: CoverageReport, path: Path, *, suppress: bool = False) -> None:
    board = region_dashboard(report.region_code, report.month, suppress=suppress)
    context = {"report": report, "board": board, "charts": board_charts(board), "made": timezone.localtime()}
    html = render_to_string("coverage/pdf/report.html", context)
    fetcher = URLFetcher(allowed_protocols=("file",), timeout=1)
    path.write_bytes(HTML(string=html, url_fetcher=fetcher).write_pdf())
