"""Jaring's own indicators by hand (lapse rate, budget used, cost per protected worker-month, the funnel),
and the refresh's split by sponsor and occupation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from jaring.billing.run import billing_run
from jaring.billing.tests.cohort import make_programme
from jaring.coverage.indicators import Figure, region_figures
from jaring.coverage.models import Aggregate, Breakdown
from jaring.coverage.refresh import coverage_refresh
from jaring.coverage.report import coverage_report
from jaring.coverage.shown import figure_row
from jaring.rules.coverage import BY_CODE, indicator_value, rupiah_per

pytestmark = pytest.mark.django_db
D = Decimal
TODAY = date(2026, 12, 3)


def _aggregate(region: str, month: date, segment: str, **figures: int) -> None:
    Aggregate.objects.create(region_code=region, month=month, segment=segment, refreshed_at=timezone.now(), **figures)


@pytest.fixture
def year_so_far():
    jan, feb = date(2026, 1, 1), date(2026, 2, 1)
    _aggregate("33.28", date(2025, 12, 1), "bpu", sponsored=99, lapsed=9, billed_amount=999_999, proposed=99)
    _aggregate("33.28", jan, "bpu", sponsored=40, proposed=50, accepted=45, funnel_billed=40, billed_amount=672_000)
    _aggregate(
        "33.28", feb, "bpu", sponsored=38, lapsed=2, proposed=10, accepted=8, funnel_billed=6, billed_amount=638_400
    )
    _aggregate(
        "33.28", feb, "adhoc", sponsored=10, lapsed=1, proposed=10, accepted=10, funnel_billed=10, billed_amount=168_000
    )
    apbd = [("apbd", "Pemkab Tegal", "100")]
    make_programme(apbd, budget=D(10_000_000))
    make_programme(apbd, name="Program 2025", start=date(2025, 3, 1), budget=D(5_000_000), today=date(2025, 1, 2))
    make_programme([("apbd", "Pemkab Bekasi", "100")], region_code="32.16", name="Bekasi", budget=D(7_000_000))


def _by_code(region: str, month: date) -> dict[str, Figure]:
    return {f.indicator.code: f for f in region_figures(region, month)}


def _below(figure: Figure) -> int:
    assert figure.denominator is not None
    return figure.denominator.value


def test_jaring_indicators_by_hand(year_so_far):
    f = _by_code("33.28", date(2026, 2, 1))
    # Lapse rate: (2 + 1) lapsed in February / (38 + 10) sponsored in February.
    assert (f["LAPSE_RATE"].numerator, _below(f["LAPSE_RATE"]), f["LAPSE_RATE"].value) == (3, 48, D("0.0625"))
    # Billed this year: 672.000 + 638.400 + 168.000 = 1.478.400 of Tegal's 2026 budget of 10.000.000 (not 2025's,
    # not Bekasi's) = 0,14784, half-up to 0,1478.
    assert (f["BUDGET_USED"].numerator, _below(f["BUDGET_USED"])) == (1_478_400, 10_000_000)
    assert f["BUDGET_USED"].value == D("0.1478")
    # Worker-months: 40 in January + 48 in February = 88; 1.478.400 / 88 = Rp 16.800.
    assert (_below(f["COST_PER_WORKER_MONTH"]), f["COST_PER_WORKER_MONTH"].value) == (88, D(16_800))
    # Funnel: 70 proposed → 63 accepted (0,9) → 56 billed (56 / 63 = 0,8889).
    assert f["FUNNEL_PROPOSED"].numerator == 70
    assert (f["FUNNEL_ACCEPTED"].numerator, f["FUNNEL_ACCEPTED"].value) == (63, D("0.9"))
    assert (f["FUNNEL_BILLED"].numerator, f["FUNNEL_BILLED"].value) == (56, D("0.8889"))
    body = f["COST_PER_WORKER_MONTH"].as_json()
    assert (body["value"], body["denominator_kind"], body["denominator_period"]) == (
        "16800",
        "worker_months_ytd",
        "2026-01 s.d. 2026-02",
    )


def test_without_figures_nothing_is_invented(year_so_far):
    f = _by_code("33.28.01", date(2026, 2, 1))  # a district with no aggregate rows and no programme
    assert f["LAPSE_RATE"].value is None
    assert f["BUDGET_USED"].value is None
    assert f["COST_PER_WORKER_MONTH"].value is None
    assert figure_row(f["COST_PER_WORKER_MONTH"], suppress=False).value == "tidak tersedia"


@pytest.mark.parametrize(
    ("code", "numerator", "denominator", "value"),
    [
        ("LAPSE_RATE", 1, 3, D("0.3333")),
        ("LAPSE_RATE", 2, 3, D("0.6667")),
        ("LAPSE_RATE", 2, 0, None),
        ("COST_PER_WORKER_MONTH", 5, 2, D(3)),  # Rp 2,5 rounds half-up to Rp 3
        ("COST_PER_WORKER_MONTH", 50_400, 3, D(16_800)),
        ("COST_PER_WORKER_MONTH", 1, None, None),
        ("FUNNEL_PROPOSED", 70, None, None),  # a count has no value beside its numerator
    ],
)
def test_indicator_values(code, numerator, denominator, value):
    assert indicator_value(BY_CODE[code], numerator, denominator) == value


def test_rupiah_per_rounds_half_up():
    assert rupiah_per(7, 2) == D(4)
    assert rupiah_per(0, 5) == D(0)


def test_leaders_see_a_ratio_of_a_small_count_withheld(year_so_far):
    _aggregate("33.28.01", date(2026, 2, 1), "bpu", sponsored=3, lapsed=1)
    lapse = _by_code("33.28.01", date(2026, 2, 1))["LAPSE_RATE"]
    leader = figure_row(lapse, suppress=True)
    assert (leader.value, leader.numerator, leader.denominator) == ("disembunyikan (<5)", "<5", "<5")
    operator = figure_row(lapse, suppress=False)
    assert (operator.value, operator.numerator, operator.denominator) == ("33,33%", "1", "3")


def test_a_small_denominator_is_withheld_in_the_api_too(year_so_far, leader):
    from django.test import Client

    from jaring.accounts.services import api_token_create

    # Three sponsored, none lapsed: "0 of 3" would give the three away as surely as "3".
    _aggregate("33.28.01", date(2026, 2, 1), "bpu", sponsored=3, lapsed=0)
    lapse = _by_code("33.28.01", date(2026, 2, 1))["LAPSE_RATE"]
    assert figure_row(lapse, suppress=True).denominator == "<5"
    token = api_token_create(user=leader, name="t").plaintext
    body = Client(headers={"Authorization": f"Bearer {token}"}).get("/api/v1/coverage/33.28.01?month=2026-02").json()
    answered = next(i for i in body["indicators"] if i["code"] == "LAPSE_RATE")
    assert (answered["numerator"], answered["denominator"], answered["value"]) == (0, None, None)


def test_refresh_splits_by_sponsor_and_occupation(tegal):
    billing_run(actor=None, month=date(2026, 1, 1), today=TODAY)
    coverage_refresh(actor=None, today=TODAY)
    jan = date(2026, 1, 1)
    sponsors = {
        b.label: (b.sponsored, b.billed_amount)
        for b in Breakdown.objects.filter(region_code="33.28", month=jan, dimension="sponsor")
    }
    # Three members co-funded 60/30/10: each sponsor counts the three; 3 × Rp 16.800 split by share.
    assert sponsors == {
        "Pemkab Tegal": (3, D(30_240)),
        "DBHCHT Tegal": (3, D(15_120)),
        "PT Tegal Makmur": (3, D(5_040)),
    }
    total = Aggregate.objects.get(region_code="33.28", month=jan, segment="bpu")
    assert sum(amount for _, amount in sponsors.values()) == total.billed_amount
    occupation = Breakdown.objects.get(region_code="33.28.01.2001", month=jan, dimension="occupation")
    assert (occupation.key, occupation.label, occupation.sponsored) == ("", "Tidak diisi", 3)
    # The funnel of January's starters: 3 proposed, 3 accepted, 3 with an iuran line.
    assert (total.proposed, total.accepted, total.funnel_billed) == (3, 3, 3)


def test_report_json_keeps_its_keys_with_the_new_codes(year_so_far, tmp_path):
    report = coverage_report(region_code="33.28", month=date(2026, 2, 1), xlsx=tmp_path / "r.xlsx", today=TODAY)
    body = report.as_json()
    assert set(body) == {"region", "month", "indicators"}
    codes = {i["code"] for i in body["indicators"]}
    assert {"LAPSE_RATE", "BUDGET_USED", "COST_PER_WORKER_MONTH", "FUNNEL_PROPOSED", "FUNNEL_BILLED"} <= codes
    keys = {"code", "value", "numerator", "denominator", "denominator_kind", "denominator_period", "source"}
    assert all(set(i) == keys | {"target", "gap"} for i in body["indicators"])
