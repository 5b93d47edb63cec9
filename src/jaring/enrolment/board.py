"""The cohort's status board: memberships by status per village, BPJS's reasons, the member list."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet

from jaring.enrolment.models import Membership, Status
from jaring.enrolment.selectors import memberships_for
from jaring.funding.models import Programme
from jaring.regions.models import Region

STATUSES = [(s.value, s.label) for s in Status]


@dataclass
class VillageCounts:
    code: str
    name: str
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def cells(self) -> list[int]:
        return [self.by_status.get(value, 0) for value, _ in STATUSES]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


@dataclass(frozen=True)
class Board:
    villages: list[VillageCounts]
    totals: list[int]
    total: int
    reasons: list[tuple[str, int]]


def cohort_board(user: Any, programme: Programme) -> Board:
    """Two GROUP BY queries over what the user may see (a village operator: its village)."""
    seen = memberships_for(user, programme)
    counts = seen.values_list("worker__village_id", "status").annotate(n=Count("pk")).order_by()
    villages: dict[str, VillageCounts] = {}
    for code, status, n in counts:
        villages.setdefault(code, VillageCounts(code, code)).by_status[status] = n
    names = dict(Region.objects.filter(code__in=list(villages)).values_list("code", "name"))
    for v in villages.values():
        v.name = names.get(v.code, v.code)
    ordered = sorted(villages.values(), key=lambda v: v.name)
    totals = [sum(v.cells[i] for v in ordered) for i in range(len(STATUSES))]
    reasons = (
        seen.filter(status=Status.CANCELLED)
        .exclude(reason="")
        .values_list("reason")
        .annotate(n=Count("pk"))
        .order_by("-n", "reason")[:20]
    )
    return Board(ordered, totals, sum(totals), [(reason, n) for reason, n in reasons])


def cohort_members(user: Any, programme: Programme, *, status: str = "", village: str = "") -> QuerySet[Membership]:
    members = memberships_for(user, programme).select_related("worker", "worker__village")
    if status in {value for value, _ in STATUSES}:
        members = members.filter(status=status)
    if village:
        members = members.filter(worker__village_id=village)
    return members.order_by("worker__village_id", "worker__search_name", "pk")
