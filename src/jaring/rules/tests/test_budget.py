"""Budget → workers: the published cases, month-by-month pricing, refusals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jaring.rules.budget import plan_budget
from jaring.rules.budget_parse import budget_fields
from jaring.rules.errors import RuleInputError


def test_lombok_timur_2023_budget_covers_exactly_12698_workers_for_nine_months():
    plan = plan_budget(budget=Decimal(1_919_937_600), months=9, on=date(2023, 1, 1))
    assert plan.as_json() == {
        "workers": 12698,
        "months": 9,
        "monthly_cost": "213326400",
        "cost": "1919937600",
        "unspent": "0",
    }


def test_penajam_paser_utara_2025_fifteen_thousand_workers_a_year():
    # 15,000 × Rp16,800 × 12 = Rp3,024,000,000 (users.md, field reports); APBD gets no PP 50/2025 discount.
    plan = plan_budget(budget=Decimal(3_024_000_000), months=12, on=date(2025, 1, 1), funder="apbd")
    assert (plan.workers, plan.unspent) == (15000, Decimal(0))


def test_one_rupiah_short_of_a_worker_leaves_it_unspent():
    plan = plan_budget(budget=Decimal(594 * 16_800 * 3 - 1), months=3, on=date(2024, 1, 1))
    assert plan.workers == 593
    assert plan.unspent == Decimal(16_800 * 3 - 1)


def test_jht_package_costs_two_percent_of_the_income_more():
    basic = plan_budget(budget=Decimal(10_000_000), months=1, on=date(2025, 1, 1))
    jht = plan_budget(budget=Decimal(10_000_000), months=1, on=date(2025, 1, 1), package="bpu-jht")
    assert jht.per_worker - basic.per_worker == Decimal(20_000)


def test_months_are_priced_one_by_one_across_a_rate_change():
    # A CSR sponsor gets the PP 50/2025 discount where it applies: the months differ, and the plan says so.
    plan = plan_budget(budget=Decimal(100_000_000), months=12, on=date(2026, 1, 1), funder="csr")
    assert len(set(plan.per_worker_months)) > 1
    assert plan.cost == plan.workers * sum(plan.per_worker_months)
    assert "PLAN.RATE_CHANGES" in {w.code for w in plan.warnings}
    apbd = plan_budget(budget=Decimal(100_000_000), months=12, on=date(2026, 1, 1), funder="apbd")
    assert len(set(apbd.per_worker_months)) == 1
    assert "PLAN.RATE_CHANGES" not in {w.code for w in apbd.warnings}


@pytest.mark.parametrize("budget", [Decimal(0), Decimal(-5), Decimal(151_199)])
def test_a_budget_that_cannot_pay_one_worker_for_the_months_is_refused(budget):
    with pytest.raises(RuleInputError) as caught:
        plan_budget(budget=budget, months=9, on=date(2023, 1, 1))
    assert caught.value.code in {"BUDGET.INVALID", "BUDGET.TOO_SMALL"}
    assert "Anggaran" in caught.value.message_id


def test_defaults_of_the_interface():
    fields = budget_fields({"budget": "1919937600", "months": "9"}, today=date(2026, 12, 3))
    assert fields == {
        "budget": Decimal(1_919_937_600),
        "months": 9,
        "package": "bpu-basic",
        "income": Decimal(1_000_000),
        "funder": "apbd",
        "on": date(2026, 12, 3),
    }


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"months": "9"}, "MISSING_BUDGET"),
        ({"budget": "1000000"}, "MISSING_MONTHS"),
        ({"budget": "1000000", "months": "9", "package": "gold"}, "UNKNOWN_PACKAGE"),
        ({"budget": "1000000", "months": "9", "funder": "bank"}, "UNKNOWN_FUNDER"),
        ({"budget": "1000000", "months": "2.5"}, "NOT_A_WHOLE_NUMBER"),
    ],
)
def test_bad_fields_are_refused_with_a_code(fields, code):
    with pytest.raises(RuleInputError) as caught:
        budget_fields(fields, today=date(2026, 12, 3))
    assert caught.value.code == code
