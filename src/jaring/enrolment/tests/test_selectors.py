"""Which memberships of a programme a user sees."""

from __future__ import annotations

from datetime import date

import pytest

from jaring.enrolment.selectors import memberships_for
from jaring.enrolment.services import cohort_enrol
from jaring.funding.services import ProgrammeInput, programme_create
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db


def test_a_village_operator_sees_only_its_villages_members(tegal_operator, village_operator, sponsor_user):
    for nik, village in (("3328015203900001", "33.28.01.2001"), ("3328015203900002", "33.28.01.2002")):
        data = WorkerInput(nik=nik, name="Siti", sex="F", village_code=village, birth_date=date(1990, 3, 12))
        worker_register(actor=tegal_operator, data=data)
    inp = ProgrammeInput(region_code="33.28", name="P", segment="bpu", start=date(2027, 1, 1), months=12)
    programme = programme_create(actor=None, inp=inp, today=date(2026, 12, 3))
    cohort_enrol(actor=None, programme=programme)
    assert memberships_for(tegal_operator, programme).count() == 2
    assert memberships_for(village_operator, programme).count() == 1
    assert memberships_for(sponsor_user, programme).count() == 2
