"""The late-payment fine as a result that explains itself: `jaring calc late`, the API and, later, billing.

The interface names the due date; the regulation keys the fine to the iuran month, which is the month
before the due date's month. In the PP 49/2020 window that month's deadline is the 30th and its fine
0.5% a month: a due date typed otherwise is corrected to the statutory one, with a warning saying so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from jaring.rules.errors import RuleInputError
from jaring.rules.inputs import check_date
from jaring.rules.late import due_date, late_payment_fine
from jaring.rules.money import ZERO, decimal_string, format_rupiah
from jaring.rules.rates import BOOK
from jaring.rules.result import Line, RuleWarning
from jaring.rules.table import add_months, month_start


@dataclass(frozen=True, slots=True)
class LateResult:
    months_late: int
    lines: tuple[Line, ...]
    warnings: tuple[RuleWarning, ...]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)

    def as_json(self) -> dict[str, Any]:
        return {
            "total": decimal_string(self.total),
            "months_late": self.months_late,
            "lines": [line.as_json() for line in self.lines],
            "warnings": [warning.as_json() for warning in self.warnings],
        }


def calculate_late_fine(*, due: Decimal, due_date_given: date, paid_on: date) -> LateResult:
    """PP 44/2015 (2% a month, a part of a month counting as a month) or PP 49/2020 (0.5%, the 30th)."""
    check_date(due_date_given)
    check_date(paid_on)
    if due <= 0:
        raise RuleInputError(
            "AMOUNT_NOT_POSITIVE", "Iuran terutang harus lebih dari nol.", "The iuran due must be more than zero."
        )
    iuran_month = month_start(add_months(month_start(due_date_given), -1))
    statutory = due_date(iuran_month)
    warnings = []
    if statutory != due_date_given:
        warnings.append(
            RuleWarning(
                "LATE.DUE_DATE_CORRECTED",
                f"Batas bayar iuran bulan {iuran_month:%m/%Y} menurut aturan adalah {statutory:%d/%m/%Y}, "
                f"bukan {due_date_given:%d/%m/%Y}; keterlambatan dihitung dari {statutory:%d/%m/%Y}.",
                f"The statutory due date of the {iuran_month:%m/%Y} iuran is {statutory:%d/%m/%Y}, not "
                f"{due_date_given:%d/%m/%Y}; lateness is counted from {statutory:%d/%m/%Y}.",
            )
        )
    fine = late_payment_fine(due, iuran_month, paid_on)
    if fine.months_late == 0:
        return LateResult(0, (), tuple(warnings))
    record = BOOK.get(fine.rule_codes[0], iuran_month)
    rate = fine.rate_percent.normalize()
    line = Line(
        programme="DENDA",
        amount=fine.amount,
        label_id=f"Denda {str(rate).replace('.', ',')}% × {fine.months_late} bulan × iuran {format_rupiah(due)}",
        label_en=f"Fine {rate}% × {fine.months_late} months × iuran of IDR {int(due):,}",
        rule_codes=fine.rule_codes,
        citation=record.citation,
        payer="employer",
        basis=due,
        rate=fine.rate_percent,
        months=fine.months_late,
    )
    return LateResult(fine.months_late, (line,), tuple(warnings))
