"""The coverage report's figures as .xlsx, with every numerator, denominator and source named."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from jaring.billing.table_xlsx import table_xlsx

if TYPE_CHECKING:
    from jaring.coverage.report import CoverageReport

HEADER = [
    "Kode", "Indikator", "Nilai (%)", "Pembilang", "Penyebut", "Jenis penyebut", "Periode penyebut",
    "Target (%)", "Selisih ke target (%)", "Perkiraan", "Sumber",
]  # fmt: skip


def _pct(value: Any) -> str:
    return "" if value is None else f"{float(value) * 100:.2f}".replace(".", ",")


def write_report_xlsx(report: CoverageReport, path: Path) -> None:
    rows = []
    for f in report.figures:
        data = f.as_json()
        rows.append(
            [
                f.indicator.code, f.indicator.name_id, _pct(f.value) or "tidak tersedia", f.numerator,
                data["denominator"], data["denominator_kind"] or "", data["denominator_period"] or "",
                _pct(f.target), _pct(f.gap), "ya" if f.estimate else "", data["source"],
            ]
        )  # fmt: skip
    heading = [
        ("Wilayah", f"{report.region_name} ({report.region_code or 'nasional'})"),
        ("Bulan", f"{report.month:%m/%Y}"),
        ("Diekspor", f"{timezone.localtime():%d/%m/%Y %H:%M}"),
    ]
    path.write_bytes(table_xlsx("Cakupan kepesertaan", heading, HEADER, rows))
