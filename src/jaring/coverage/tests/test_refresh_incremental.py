"""The refresh after a billing run (the job's, ``full=False``) reads only the new bills' lines, and leaves
the aggregates exactly as a full refresh would: the month billed changes, the others do not."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from jaring.billing.models import BillLine
from jaring.billing.run import billing_run
from jaring.billing.tests.cohort import enrol
from jaring.coverage.models import Aggregate, BilledMember, Breakdown, CountedBill, RefreshJob
from jaring.coverage.refresh import coverage_refresh, refresh_job_run
from jaring.registry.models import Occupation, Worker

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)
JAN, FEB = date(2026, 1, 1), date(2026, 2, 1)


def _aggregates() -> dict[tuple[Any, ...], tuple[Any, ...]]:
    fields = ("sponsored", "lapsed", "proposed", "accepted", "billed", "funnel_billed", "billed_amount")
    rows = Aggregate.objects.values_list("region_code", "month", "segment", *fields)
    return {r[:3]: r[3:] for r in rows}


def _breakdowns() -> dict[tuple[Any, ...], tuple[Any, ...]]:
    rows = Breakdown.objects.values_list(
        "region_code", "month", "dimension", "key", "label", "sponsored", "lapsed", "billed_amount"
    )
    return {r[:4]: r[4:] for r in rows}


def _both() -> tuple[dict[tuple[Any, ...], tuple[Any, ...]], dict[tuple[Any, ...], tuple[Any, ...]]]:
    return _aggregates(), _breakdowns()


@pytest.fixture
def january(tegal: Any, workers: list[Any]) -> Any:
    code = Occupation.objects.values_list("code", flat=True).first()
    Worker.objects.filter(pk=workers[0].pk).update(occupation_id=code)
    billing_run(actor=None, month=JAN, today=TODAY)
    coverage_refresh(actor=None, today=TODAY)
    return tegal


def test_after_a_months_billing_only_that_month_changes_and_as_a_full_refresh_would(january):
    before = _aggregates()
    billing_run(actor=None, month=FEB, today=TODAY)
    coverage_refresh(actor=None, today=TODAY, full=False)
    after, split = _both()
    changed = {key[1] for key in set(before) | set(after) if before.get(key) != after.get(key)}
    assert changed == {FEB}
    assert after[("33.28", FEB, "bpu")][4] == 3  # three members billed for February
    assert after[("33.28", JAN, "bpu")] == before[("33.28", JAN, "bpu")]
    coverage_refresh(actor=None, today=TODAY)
    assert _both() == (after, split)


def test_a_correction_to_an_earlier_month_reaches_that_month_too(january, workers):
    enrol(january, workers[3:5])  # joined in January after January was billed: corrected in February's bill
    billing_run(actor=None, month=FEB, today=TODAY)
    assert BillLine.objects.filter(kind="a", month=JAN).exists()
    before_jan = _aggregates()[("33.28", JAN, "bpu")]
    coverage_refresh(actor=None, today=TODAY, full=False)
    incremental = _both()
    assert incremental[0][("33.28", JAN, "bpu")][6] > before_jan[6]  # January's amount grew
    coverage_refresh(actor=None, today=TODAY)
    assert _both() == incremental


def test_the_job_refreshes_incrementally_and_counts_each_bill_once(january):
    counted = set(CountedBill.objects.values_list("bill_id", flat=True))
    billing_run(actor=None, month=FEB, today=TODAY)
    job = RefreshJob.objects.create(created_at=timezone.now())
    refresh_job_run(job, lambda stage, done, total: None)
    assert len(set(CountedBill.objects.values_list("bill_id", flat=True)) - counted) == 3  # one bill a sponsor
    assert BilledMember.objects.count() == 3
    after = _both()
    refresh_job_run(job, lambda stage, done, total: None)  # nothing new: nothing changes
    assert _both() == after
    coverage_refresh(actor=None, today=TODAY)
    assert _both() == after


def test_without_any_refresh_before_the_job_reads_everything(tegal):
    billing_run(actor=None, month=JAN, today=TODAY)
    billing_run(actor=None, month=FEB, today=TODAY)
    coverage_refresh(actor=None, today=TODAY, full=False)
    incremental = _both()
    assert incremental[0][("33.28", JAN, "bpu")][4] == 3
    coverage_refresh(actor=None, today=TODAY)
    assert _both() == incremental
