"""Reads of memberships: who is already funded for a period."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet

from jaring.accounts.access import NotInScope, scope_code
from jaring.enrolment.models import NOT_FUNDING, Membership
from jaring.funding.models import Programme
from jaring.regions.models import Region


def funded_worker_ids(*, region_code: str, start: date, end: date, other_than: int | None = None) -> list[int]:
    """Workers of the region with a funding membership sharing a day with [start, end] (``other_than``:
    leaving one programme's own memberships aside)."""
    funding = Membership.objects.filter(
        worker__village__code__startswith=f"{region_code}.", start__lte=end, end__gte=start
    ).exclude(status__in=NOT_FUNDING)
    if other_than is not None:
        funding = funding.exclude(programme_id=other_than)
    return list(funding.values_list("worker_id", flat=True).distinct())


def blocking_coverage(*, worker_id: int, start: date, end: date) -> list[Membership]:
    """The funding memberships of a worker sharing a day with [start, end]: what blocks a new one."""
    return list(
        Membership.objects.filter(worker_id=worker_id, start__lte=end, end__gte=start)
        .exclude(status__in=NOT_FUNDING)
        .select_related("programme")
        .order_by("start")
    )


def describe(membership: Membership) -> str:
    return (
        f"{membership.programme.name}, {membership.start:%d/%m/%Y}–{membership.end:%d/%m/%Y} "
        f"({membership.get_status_display()})"
    )


def memberships_for(user: Any, programme: Programme) -> QuerySet[Membership]:
    """A programme's memberships as the user may see them: a village operator only its village's workers.
    The caller has already reached the programme through funding.selectors.access_programme."""
    # A worker who has since moved out of the programme's region is that region's no longer.
    memberships = Membership.objects.filter(
        programme=programme, worker__village__code__startswith=f"{programme.region_id}."
    )
    scope = scope_code(user)
    if scope is not None and len(scope) > len(programme.region_id) and scope.startswith(f"{programme.region_id}."):
        memberships = memberships.filter(worker__village__code__startswith=scope)
    return memberships


def access_programme_village(user: Any, programme: Programme, code: str) -> Region:
    """A village of the programme's region whose workers the user may see (as memberships_for decides):
    a village operator only its own village, the programme's region and a sponsor user any of them.
    The caller has already reached the programme through funding.selectors.access_programme."""
    village = Region.objects.filter(code=code, level=4).select_related("parent__parent").first()
    if village is None:
        raise NotInScope(f"Desa dengan kode {code} tidak ditemukan.")
    if not village.code.startswith(f"{programme.region_id}."):
        raise NotInScope(f"Desa dengan kode {code} tidak ditemukan.")
    scope = scope_code(user)
    inside = scope is not None and scope.startswith(f"{programme.region_id}.")
    if inside and not (village.code == scope or village.code.startswith(f"{scope}.")):
        raise NotInScope(f"Desa dengan kode {code} tidak ditemukan.")
    return village
