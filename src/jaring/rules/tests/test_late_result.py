"""`calculate_late_fine`: the fine from a due date, as `jaring calc late` and the API give it (issue 9)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jaring.rules.engine import RuleInputError, calculate_late_fine

CASES = [
    # due date, paid on, months late, total, warning codes
    ("paid on the due date", date(2025, 7, 15), date(2025, 7, 15), 0, "0", []),
    ("paid early", date(2025, 7, 15), date(2025, 7, 1), 0, "0", []),
    ("one day late is a month", date(2025, 7, 15), date(2025, 7, 16), 1, "20000", []),
    ("a month to the day", date(2025, 7, 15), date(2025, 8, 15), 1, "20000", []),
    ("two months and a part", date(2025, 7, 15), date(2025, 9, 20), 3, "60000", []),
    ("PP 49/2020: the 30th, 0.5%", date(2020, 9, 30), date(2020, 10, 5), 1, "5000", []),
    ("PP 49/2020: the 15th corrected", date(2020, 9, 15), date(2020, 9, 20), 0, "0", ["LATE.DUE_DATE_CORRECTED"]),
    ("PP 49/2020: corrected, then late", date(2020, 9, 15), date(2020, 10, 5), 1, "5000", ["LATE.DUE_DATE_CORRECTED"]),
    ("after the window: 2% again", date(2021, 3, 15), date(2021, 3, 16), 1, "20000", []),
]


@pytest.mark.parametrize(
    ("case", "due_date", "paid_on", "months", "total", "warnings"), CASES, ids=[c[0] for c in CASES]
)
def test_late_fine(case, due_date, paid_on, months, total, warnings):
    result = calculate_late_fine(due=Decimal(1_000_000), due_date_given=due_date, paid_on=paid_on)
    data = result.as_json()
    assert list(data) == ["total", "months_late", "lines", "warnings"]
    assert (data["months_late"], data["total"]) == (months, total)
    assert [w["code"] for w in data["warnings"]] == warnings
    assert len(data["lines"]) == (1 if months else 0)


def test_a_line_explains_itself():
    line = calculate_late_fine(
        due=Decimal(1_500_000), due_date_given=date(2025, 7, 15), paid_on=date(2025, 8, 1)
    ).lines[0]
    assert line.label_id == "Denda 2% × 1 bulan × iuran Rp 1.500.000"
    assert (line.rule_codes, line.citation, line.amount) == (("LATE.PU.FINE",), "PP 44/2015", Decimal(30_000))


@pytest.mark.parametrize("due", [Decimal(0), Decimal(-5)])
def test_an_iuran_of_nothing_is_refused(due):
    with pytest.raises(RuleInputError) as caught:
        calculate_late_fine(due=due, due_date_given=date(2025, 7, 15), paid_on=date(2025, 8, 1))
    assert caught.value.code == "AMOUNT_NOT_POSITIVE"
