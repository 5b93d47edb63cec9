"""Year-end rollover: last year's members first, the over-age dropped, replacements by priority."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jaring.enrolment.models import Membership, Status
from jaring.enrolment.rollover import programme_rollover
from jaring.enrolment.services import EnrolmentRefused, cohort_enrol
from jaring.funding.models import Programme, VillageQuota
from jaring.funding.services import ProgrammeInput, SponsorShare, programme_create
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db


def test_rollover_keeps_members_drops_the_over_age_and_fills_from_the_priority_order(tegal_operator):
    people = {}
    # 4 turns 66 on the new start date; 5 and 6 were not enrolled (the budget bought four): 5 registered first.
    for i, (born, decile) in enumerate(
        [(date(1980, 1, 1), 5), (date(1981, 1, 1), 5), (date(1982, 1, 1), 5), (date(1961, 1, 1), 5),
         (date(1983, 1, 1), 4), (date(1984, 1, 1), 2)], start=1,
    ):  # fmt: skip
        data = WorkerInput(nik=f"332801520390{i:04d}", name=f"Siti {i}", sex="F", village_code="33.28.01.2001",
                           birth_date=born, decile=decile)  # fmt: skip
        people[i] = worker_register(actor=tegal_operator, data=data).pk
    inp = ProgrammeInput(
        region_code="33.28", name="Pekerja Rentan Tegal 2026", segment="bpu", start=date(2026, 1, 1), months=12,
        budget=Decimal(4 * 16_800 * 12), sponsors=(SponsorShare("apbd", "APBD Tegal", Decimal(100)),),
    )  # fmt: skip
    old = programme_create(actor=None, inp=inp, today=date(2026, 1, 1))
    VillageQuota.objects.create(programme=old, village_id="33.28.01.2001", minimum=1)
    Programme.objects.filter(pk=old.pk).update(priority=["registered"])
    old.refresh_from_db()
    cohort_enrol(actor=None, programme=old)
    Membership.objects.filter(programme=old).update(status=Status.ACTIVE)
    result = programme_rollover(actor=None, programme=old, today=date(2026, 12, 3))
    new = result.programme
    assert (new.name, new.start, new.previous_id) == ("Pekerja Rentan Tegal 2027", date(2027, 1, 1), old.pk)
    assert new.quotas.count() == 1
    enrolled = set(Membership.objects.filter(programme=new).values_list("worker_id", flat=True))
    assert enrolled == {people[1], people[2], people[3], people[5]}
    assert result.as_json() == {"id": new.pk, "proposed": 4, "continuing": 3, "new": 1, "dropped": 1}
    assert Membership.objects.filter(programme=old, status=Status.ACTIVE).count() == 4  # history kept
    with pytest.raises(EnrolmentRefused):
        programme_rollover(actor=None, programme=old, today=date(2026, 12, 3))
