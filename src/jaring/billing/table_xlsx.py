"""Any table as an .xlsx for the budget hearing or a referral, in export_xlsx's one form: numbers as numbers
(#,##0), dates as dates, text guarded against formulas. For tables whose columns are known only as headers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from jaring.billing.export_xlsx import Column, xlsx_bytes

Cell = str | int | Decimal | date | None


def table_xlsx(
    title: str, heading: Sequence[tuple[str, str]], header: Sequence[str], rows: Iterable[Sequence[Cell]]
) -> bytes:
    columns = [Column(name, "money", max(12, min(40, len(name) + 4))) for name in header]
    return xlsx_bytes(title, heading, columns, rows)
