"""Late payment: the PU fine (denda) and BPU lapse, as pure functions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from jaring.rules.errors import RuleInputError
from jaring.rules.inputs import check_amount, check_date
from jaring.rules.money import percent_of, round_rupiah
from jaring.rules.rates import BOOK
from jaring.rules.table import add_months, month_end, month_start


@dataclass(frozen=True, slots=True)
class LateFine:
    due_date: date
    months_late: int
    rate_percent: Decimal
    amount: Decimal
    rule_codes: tuple[str, ...]


def due_date(iuran_month: date) -> date:
    """PU iuran is due on the 15th of the following month (the 30th in the PP 49/2020 window).

    The next-working-day shift for holidays is not applied: the engine has no holiday calendar.
    """
    month = month_start(iuran_month)
    day = BOOK.find("PP49.DUE_DAY", month) or BOOK.get("LATE.PU.DUE_DAY", month)
    following = add_months(month, 1)
    return following.replace(day=min(int(day.value), month_end(following).day))


def months_late(due: date, paid_on: date) -> int:
    """Each month or part of a month after the due date counts as one month (one day late = 1)."""
    if paid_on <= due:
        return 0
    months = (paid_on.year - due.year) * 12 + paid_on.month - due.month
    return months + (1 if paid_on.day > due.day else 0)


def late_payment_fine(iuran_due: Decimal, iuran_month: date, paid_on: date) -> LateFine:
    """PP 44/2015: 2% of the iuran due per month late, simple (not compounding) and uncapped, borne by
    the employer; 0.5% a month for iuran months in the PP 49/2020 window (Pasal 23)."""
    check_date(iuran_month)
    check_amount("iuran_due", "Iuran terutang", iuran_due)
    due = due_date(iuran_month)
    late = months_late(due, paid_on)
    month = month_start(iuran_month)
    rate = BOOK.find("PP49.LATE_FINE", month) or BOOK.get("LATE.PU.FINE", month)
    # Simple interest on the same principal, rounded half-up to the rupiah once.
    amount = round_rupiah(percent_of(iuran_due, rate.value) * late)
    return LateFine(due, late, rate.value, amount, (rate.code,))


BpuStatus = Literal["aktif", "menunggak", "berakhir", "nonaktif"]


@dataclass(frozen=True, slots=True)
class BpuMembership:
    status: BpuStatus
    may_pay_arrears: bool
    rule_codes: tuple[str, ...]


def bpu_membership_status(unpaid_months: int, *, jht_claimed: bool = False, on: date | None = None) -> BpuMembership:
    """Perdir 22/PERDIR.02/072022: no fine for BPU; after 3 consecutive unpaid months membership ends
    ("berakhir"), or is "nonaktif" when JHT has been claimed; fewer unpaid months may be paid as arrears."""
    if unpaid_months < 0:
        raise RuleInputError(
            "NEGATIVE_AMOUNT",
            "Jumlah bulan tidak dibayar tidak boleh negatif.",
            "Unpaid months must not be negative.",
        )
    record = BOOK.get("BPU.LAPSE.UNPAID_MONTHS", on or date(2022, 7, 1))
    if unpaid_months == 0:
        return BpuMembership("aktif", False, (record.code,))
    if unpaid_months < record.value:
        return BpuMembership("menunggak", True, (record.code,))
    return BpuMembership("nonaktif" if jht_claimed else "berakhir", False, (record.code,))
