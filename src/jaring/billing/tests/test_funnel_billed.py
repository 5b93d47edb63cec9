"""The verification funnel's "billed" step counts members with a bill line: enrolled ≠ billed shows."""

from __future__ import annotations

from datetime import date

import pytest

from jaring.billing.run import billing_run
from jaring.billing.tests.cohort import TODAY, enrol
from jaring.enrolment.funnel import programme_funnel

pytestmark = pytest.mark.django_db


def test_billed_members_per_village(tegal, workers):
    billing_run(actor=None, month=date(2026, 1, 1), today=TODAY)
    enrol(tegal, workers[3:5], start=date(2026, 2, 1))  # enrolled after January's bill, not billed yet
    funnel = programme_funnel(tegal, by="village")
    assert (funnel.total.in_cohort, funnel.total.billed) == (5, 3)
    assert [(r.label, r.billed) for r in funnel.rows if r.in_cohort] == [(funnel.rows[0].label, 3)]
