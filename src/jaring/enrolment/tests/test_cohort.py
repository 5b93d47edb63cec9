"""Cohorts from plans, and the database's guard against funding one worker twice for the same day."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from jaring.audit.models import AuditEvent
from jaring.enrolment.models import Membership, Status
from jaring.enrolment.services import cohort_enrol, programme_period
from jaring.funding.services import ProgrammeInput, programme_create
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)


def _programme(name: str = "Pekerja Rentan 2027", **changes):
    values: dict[str, object] = {"region_code": "33.28", "name": name, "segment": "bpu", "start": date(2027, 1, 1)}
    values |= {"months": 12} | changes
    return programme_create(actor=None, inp=ProgrammeInput(**values), today=TODAY)  # type: ignore[arg-type]


@pytest.fixture
def workers(tegal_operator):
    made = []
    for i in range(1, 6):
        data = WorkerInput(
            nik=f"332801520390{i:04d}", name=f"Siti {i}", sex="F", village_code="33.28.01.2001",
            birth_date=date(1990, 3, 12),
        )  # fmt: skip
        made.append(worker_register(actor=tegal_operator, data=data))
    return made


def _membership(worker, programme, start: date, end: date, status: str = Status.PROPOSED) -> Membership:
    now = timezone.now()
    return Membership.objects.create(
        worker=worker, programme=programme, start=start, end=end, status=status, created_at=now, updated_at=now
    )


def test_period_is_whole_months_or_the_ad_hoc_days():
    assert programme_period(_programme()) == (date(2027, 1, 1), date(2027, 12, 31))
    adhoc = _programme("KPPS", segment="adhoc", months=None, days=45, start=date(2027, 2, 10))
    assert programme_period(adhoc) == (date(2027, 2, 10), date(2027, 3, 26))


def first_nik(rows) -> str:
    return str(rows.order_by("id").first().worker.nik)


def test_a_cohort_proposes_the_plans_workers_once_and_a_second_run_enrols_nobody_twice(workers):
    programme = _programme(budget=Decimal(201_600 * 3))
    first = cohort_enrol(actor=None, programme=programme)
    assert first.as_json() == {"proposed": 3, "blocked": {}}
    rows = Membership.objects.filter(programme=programme)
    assert {(m.start, m.end, m.status) for m in rows} == {(date(2027, 1, 1), date(2027, 12, 31), "proposed")}
    again = cohort_enrol(actor=None, programme=programme)
    # The three members keep their part of the budget: nothing is left to buy a fourth or fifth.
    assert again.as_json() == {"proposed": 0, "blocked": {"COVERED.ALREADY": 3}}
    assert Membership.objects.values("worker").distinct().count() == 3
    Membership.objects.filter(worker__nik=first_nik(rows)).update(status="cancelled")
    refilled = cohort_enrol(actor=None, programme=programme)
    # A cancelled member frees its place: one more is bought.
    assert refilled.proposed == 1
    assert AuditEvent.objects.filter(action="cohort.enrol").count() == 3


def test_another_programme_for_the_same_months_is_blocked_by_existing_coverage(workers):
    cohort_enrol(actor=None, programme=_programme())
    second = cohort_enrol(actor=None, programme=_programme("CSR Gula Manis", start=date(2027, 6, 1), months=3))
    assert second.as_json() == {"proposed": 0, "blocked": {"COVERED.ALREADY": 5}}


def test_the_database_refuses_overlap_but_not_adjacent_or_cancelled(workers):
    worker, programme = workers[0], _programme()
    _membership(worker, programme, date(2027, 1, 1), date(2027, 6, 30))
    with pytest.raises(IntegrityError), transaction.atomic():
        _membership(worker, programme, date(2027, 6, 30), date(2027, 12, 31))  # shares one day
    _membership(worker, programme, date(2027, 7, 1), date(2027, 12, 31))  # adjacent: fine
    _membership(worker, programme, date(2027, 3, 1), date(2027, 3, 31), status=Status.CANCELLED)
    other = _membership(workers[1], programme, date(2027, 1, 1), date(2027, 1, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=other.pk).update(worker=worker)  # an update into overlap
    cancelled = Membership.objects.get(status=Status.CANCELLED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=cancelled.pk).update(status=Status.ACTIVE)  # reviving into overlap


def test_an_operator_of_another_region_cannot_enrol(workers, bekasi_operator):
    from jaring.accounts.access import NotInScope

    with pytest.raises(NotInScope):
        cohort_enrol(actor=bekasi_operator, programme=_programme())
    assert not Membership.objects.exists()
