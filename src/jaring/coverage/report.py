"""The coverage report of a region and month: its figures as JSON, and the data as xlsx (the PDF with
the charts comes with the dashboard)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.utils import timezone

from jaring.coverage.indicators import Figure, region_figures
from jaring.regions.models import Region


class CoverageReportRefused(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class CoverageReport:
    region_code: str
    region_name: str
    month: date
    figures: list[Figure]

    def as_json(self) -> dict[str, Any]:
        # Exactly the keys of the interface (`jaring report coverage --json`).
        return {
            "region": self.region_code,
            "month": f"{self.month:%Y-%m}",
            "indicators": [f.as_json() for f in self.figures],
        }


def coverage_report(
    *,
    region_code: str,
    month: date,
    pdf: Path | None = None,
    xlsx: Path | None = None,
    today: date | None = None,
    suppress: bool = False,
) -> CoverageReport:
    """The report; ``suppress`` withholds counts under 5 in the files (a leader's download)."""
    today = today or timezone.localdate()
    if month > today.replace(day=1):
        raise CoverageReportRefused("MONTH.FUTURE", f"Bulan {month:%m/%Y} belum terjadi.")
    region = Region.objects.filter(code=region_code).first()
    name = str(region.name) if region else "Indonesia"
    report = CoverageReport(region_code, name, month, region_figures(region_code, month))
    if xlsx is not None:
        from jaring.coverage.report_xlsx import write_report_xlsx

        write_report_xlsx(report, xlsx, suppress=suppress)
    if pdf is not None:
        from jaring.coverage.report_pdf import write_report_pdf

        write_report_pdf(report, pdf, suppress=suppress)
    return report
