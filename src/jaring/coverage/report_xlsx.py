"""The coverage report's figures as .xlsx, with every numerator, denominator and source named."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from jaring.billing.table_xlsx import Cell, table_xlsx
from jaring.coverage.shown import WITHHELD, figure_rows, percent

if TYPE_CHECKING:
    from jaring.coverage.report import CoverageReport

HEADER = [
    "Kode", "Indikator", "Nilai", "Pembilang", "Penyebut", "Penyebut dan periode", "Target", "Selisih ke target",
    "Perkiraan", "Sumber",
]  # fmt: skip


def write_report_xlsx(report: CoverageReport, path: Path, *, suppress: bool = False) -> None:
    rows: list[list[Cell]] = []
    for r in figure_rows(report.figures, suppress=suppress):
        f = r.figure
        # Numbers stay numbers for whoever computes on them, unless withheld ("<5").
        numerator = r.numerator if r.numerator == WITHHELD else f.numerator
        below = f.denominator.value if f.denominator else None
        denominator = r.denominator if r.denominator == WITHHELD else below
        rows.append(
            [
                f.indicator.code, f.indicator.name_id, r.value, numerator, denominator, r.basis,
                "" if f.target is None else percent(f.target), "" if f.gap is None else percent(f.gap),
                "ya" if f.estimate else "", f.as_json()["source"],
            ]
        )  # fmt: skip
    heading = [
        ("Wilayah", f"{report.region_name} ({report.region_code or 'nasional'})"),
        ("Bulan", f"{report.month:%m/%Y}"),
    ]
    path.write_bytes(table_xlsx("Cakupan kepesertaan", heading, HEADER, rows))
