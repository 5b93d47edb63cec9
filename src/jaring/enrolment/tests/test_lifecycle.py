"""One membership at a time: add, replace, status changes, cohorts that end on their own."""

from __future__ import annotations

from datetime import date

import pytest

from jaring.accounts.access import NotInScope
from jaring.audit.models import AuditEvent
from jaring.enrolment.lifecycle import (
    membership_add,
    membership_change_status,
    membership_replace,
    memberships_end_due,
)
from jaring.enrolment.models import Membership, Status
from jaring.enrolment.services import EnrolmentRefused
from jaring.funding.services import ProgrammeInput, programme_create
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)


def _programme(name="Pekerja Rentan 2027", **changes):
    values: dict[str, object] = {"region_code": "33.28", "name": name, "segment": "bpu", "start": date(2027, 1, 1)}
    values |= {"months": 12} | changes
    return programme_create(actor=None, inp=ProgrammeInput(**values), today=TODAY)  # type: ignore[arg-type]


@pytest.fixture
def siti(tegal_operator):
    data = WorkerInput(nik="3328015203900001", name="Siti", sex="F", village_code="33.28.01.2001")
    return worker_register(actor=tegal_operator, data=data)


@pytest.fixture
def sri(tegal_operator):
    data = WorkerInput(nik="3328015203900002", name="Sri", sex="F", village_code="33.28.01.2001")
    return worker_register(actor=tegal_operator, data=data)


def test_adding_says_which_coverage_blocks(siti, tegal_operator):
    first = _programme()
    membership_add(actor=tegal_operator, programme=first, worker=siti, reason="usulan desa susulan")
    with pytest.raises(EnrolmentRefused) as caught:
        membership_add(actor=tegal_operator, programme=_programme("CSR"), worker=siti, reason="CSR")
    assert caught.value.code == "COVERED.ALREADY"
    assert "Pekerja Rentan 2027, 01/01/2027–31/12/2027 (Diusulkan)" in caught.value.message


def test_a_reason_is_required_and_recorded(siti, tegal_operator):
    with pytest.raises(EnrolmentRefused):
        membership_add(actor=tegal_operator, programme=_programme(), worker=siti, reason="  ")
    membership_add(actor=tegal_operator, programme=_programme("B"), worker=siti, reason="pengganti yang meninggal")
    assert AuditEvent.objects.get(action="membership.add").summary["reason"] == "pengganti yang meninggal"


def test_replacing_a_worker_mid_period_splits_the_cover(siti, sri, tegal_operator):
    programme = _programme()
    old = membership_add(actor=tegal_operator, programme=programme, worker=siti, reason="kohort")
    new = membership_replace(
        actor=tegal_operator, membership=old, worker=sri, reason="pindah domisili", on=date(2027, 5, 1)
    )
    old.refresh_from_db()
    assert (old.start, old.end) == (date(2027, 1, 1), date(2027, 4, 30))
    assert (new.worker_id, new.start, new.end) == (sri.pk, date(2027, 5, 1), date(2027, 12, 31))


def test_transitions_follow_the_lifecycle(siti, tegal_operator):
    membership = membership_add(actor=tegal_operator, programme=_programme(), worker=siti, reason="kohort")
    with pytest.raises(EnrolmentRefused):
        membership_change_status(actor=tegal_operator, membership=membership, status=Status.ACTIVE)
    for status in (Status.SUBMITTED, Status.ACTIVE, Status.LAPSED, Status.ACTIVE):
        membership_change_status(actor=tegal_operator, membership=membership, status=status)
    assert Membership.objects.get().status == Status.ACTIVE


def test_an_outsider_cannot_touch_a_tegal_worker(siti, tegal_operator, bekasi_operator):
    membership = membership_add(actor=tegal_operator, programme=_programme(), worker=siti, reason="kohort")
    with pytest.raises(NotInScope):
        membership_change_status(actor=bekasi_operator, membership=membership, status=Status.CANCELLED)
    with pytest.raises(NotInScope):
        membership_add(actor=bekasi_operator, programme=_programme("B"), worker=siti, reason="x")


def test_ad_hoc_cohorts_end_on_their_own(siti, tegal_operator):
    adhoc = _programme("KPPS", segment="adhoc", months=None, days=30, start=date(2027, 2, 1))
    membership = membership_add(actor=tegal_operator, programme=adhoc, worker=siti, reason="KPPS")
    Membership.objects.filter(pk=membership.pk).update(status=Status.ACTIVE)
    assert memberships_end_due(today=date(2027, 3, 2)) == 0  # its last day
    assert memberships_end_due(today=date(2027, 3, 3)) == 1
    assert Membership.objects.get().status == Status.ENDED
