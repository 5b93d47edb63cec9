"""Year-end rollover: next year's programme and cohort from this year's, in one action.

Last year's active members come first; those now over age or moved out of the region drop out (the
planner's own rules); the places left are offered to new workers in the priority order. The old
programme and its memberships stay as they were: the new programme points back to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from jaring.enrolment.models import Membership, Status
from jaring.enrolment.services import CohortResult, EnrolmentRefused, cohort_enrol
from jaring.funding.models import Programme, VillageQuota
from jaring.funding.services import ProgrammeInput, SponsorShare, programme_create


@dataclass(frozen=True)
class RolloverResult:
    programme: Programme
    cohort: CohortResult
    continuing: int
    new: int
    dropped: int

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.programme.pk,
            "proposed": self.cohort.proposed,
            "continuing": self.continuing,
            "new": self.new,
            "dropped": self.dropped,
        }


def _next_year(day: date) -> date:
    # 29 February becomes 28 February.
    return day.replace(year=day.year + 1, day=min(day.day, 28 if day.month == 2 else day.day))


def _name(programme: Programme, start: date) -> str:
    old = str(start.year - 1)
    return programme.name.replace(old, str(start.year)) if old in programme.name else f"{programme.name} {start.year}"


@transaction.atomic
def programme_rollover(*, actor: Any, programme: Programme, today: date | None = None) -> RolloverResult:
    if Programme.objects.filter(previous=programme).exists():
        raise EnrolmentRefused("ROLLOVER.DONE", "Program ini sudah dilanjutkan ke tahun berikutnya.")
    start = _next_year(programme.start)
    shares = tuple(
        SponsorShare(s.sponsor.kind, s.sponsor.name, s.share) for s in programme.sponsors.select_related("sponsor")
    )
    new = programme_create(
        actor=actor,
        inp=ProgrammeInput(
            region_code=programme.region_id,
            name=_name(programme, start),
            segment=programme.segment,
            start=start,
            package=programme.package,
            months=programme.months,
            days=programme.days,
            wage=programme.wage,
            budget=programme.budget,
            max_age=programme.max_age,
            legal_basis=programme.legal_basis,
            sponsors=shares,
        ),
        today=today,
    )
    Programme.objects.filter(pk=new.pk).update(
        previous=programme,
        income=programme.income,
        occupations=programme.occupations,
        deciles=programme.deciles,
        priority=programme.priority,
    )
    new.refresh_from_db()
    VillageQuota.objects.bulk_create(
        VillageQuota(programme=new, village_id=q.village_id, minimum=q.minimum, maximum=q.maximum)
        for q in programme.quotas.all()
    )
    members = set(
        Membership.objects.filter(programme=programme, status__in=[Status.ACTIVE, Status.ENDED]).values_list(
            "worker_id", flat=True
        )
    )
    cohort = cohort_enrol(actor=actor, programme=new, prefer=members)
    enrolled = set(Membership.objects.filter(programme=new).values_list("worker_id", flat=True))
    return RolloverResult(
        programme=new,
        cohort=cohort,
        continuing=len(enrolled & members),
        new=len(enrolled - members),
        dropped=len(members - enrolled),
    )
