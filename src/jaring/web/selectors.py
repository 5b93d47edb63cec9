"""Counts for the home page: one COUNT query per card that shows one, each scoped to the user's region."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from jaring.accounts.access import require_capability, scope_code
from jaring.accounts.roles import Cap
from jaring.registry.models import MoveStatus, Worker
from jaring.registry.selectors import duplicates_for, move_requests_incoming, workers_for


def workers_count_in_region(user: Any) -> int:
    """How many workers live in the user's region: a number only, so a leader may see it without names."""
    require_capability(user, Cap.DASHBOARD_VIEW)
    scope = scope_code(user)
    if scope is None:
        return Worker.objects.count()
    return Worker.objects.filter(Q(village__code=scope) | Q(village__code__startswith=f"{scope}.")).count()


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
