"""Counts for the home page: one COUNT query per card that shows one, each scoped to the user's region."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import Substr

from jaring.accounts.access import has_capability, require_capability, scope_code
from jaring.accounts.roles import Cap, Role
from jaring.coverage.models import Aggregate
from jaring.regions.models import Level, Region
from jaring.registry.models import MoveStatus, Worker
from jaring.registry.selectors import duplicates_for, move_requests_incoming, workers_for


def workers_count_in_region(user: Any) -> int:
    """How many workers live in the user's region: a number only, so a leader may see it without names."""
    require_capability(user, Cap.DASHBOARD_VIEW)
    scope = scope_code(user)
    if user.role == Role.LEADER:
        # The leader's home page is his dashboard, which reads the aggregates only (issue 12): the count of
        # the last refresh (run after every import), else counted here.
        kept = (
            Aggregate.objects.filter(region_code=scope or "", segment="", registered__gt=0)
            .order_by("-month")
            .values_list("registered", flat=True)
            .first()
        )
        if kept is not None:
            return int(kept)
    if scope is None:
        return Worker.objects.count()
    # A range of the village index (codes below 33.28 sort between "33.28." and "33.28/"), not a join to the
    # regions nor a LIKE: a regency of a million workers is counted in the index alone.
    inside = Q(village_id__gte=f"{scope}.", village_id__lt=f"{scope}/")
    return Worker.objects.filter(Q(village_id=scope) | inside).count()


def home_count(user: Any, key: str) -> int | None:
    if key == "workers":
        return workers_for(user).count()
    if key == "duplicates":
        return duplicates_for(user).count()
    if key == "moves":
        return move_requests_incoming(user).filter(status=MoveStatus.PENDING).count()
    if key == "region":
        return workers_count_in_region(user)
    return None


# Length of a Kemendagri code by level: 33, 33.28, 33.28.01, 33.28.01.2001.
CODE_LENGTH = {1: 2, 2: 5, 3: 8, 4: 13}
# Below this a count could point at a person; a leader sees counts only (users.md), so they read "< 5".
SMALL_COUNT = 5


@dataclass(frozen=True)
class RegionCounts:
    total: int
    by_child: dict[str, int]
    suppress_small: bool


def region_worker_counts(user: Any, region: Region) -> RegionCounts | None:
    """Workers of ``region`` and of each region directly below it, within the user's own scope: a village
    operator looking at their regency counts their village only. One grouped query."""
    if not (has_capability(user, Cap.WORKERS_VIEW) or has_capability(user, Cap.DASHBOARD_VIEW)):
        return None
    scope = scope_code(user)
    workers = Worker.objects.filter(Q(village__code=region.code) | Q(village__code__startswith=f"{region.code}."))
    if scope is not None:
        workers = workers.filter(Q(village__code=scope) | Q(village__code__startswith=f"{scope}."))
    by_child: dict[str, int] = {}
    if region.level < Level.VILLAGE:
        child_length = CODE_LENGTH[region.level + 1]
        rows = workers.annotate(child=Substr("village_id", 1, child_length)).values("child").annotate(n=Count("id"))
        by_child = {row["child"]: row["n"] for row in rows}
    total = sum(by_child.values()) if by_child or region.level < Level.VILLAGE else workers.count()
    return RegionCounts(total, by_child, suppress_small=not has_capability(user, Cap.WORKERS_VIEW))
