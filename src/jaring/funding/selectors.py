"""Reads of programmes, scoped: the region's own and its ancestors' (a village sees the regency's
programme that covers it); a sponsor user only the programmes its sponsor funds."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from jaring.accounts.access import NotInScope, require_capability, scope_code
from jaring.accounts.roles import Cap, Role
from jaring.funding.models import Programme
from jaring.regions.selectors import ancestor_codes


def programmes_for(user: Any) -> QuerySet[Programme]:
    require_capability(user, Cap.PROGRAMMES_VIEW)
    programmes = Programme.objects.all()
    if user.is_superuser and user.region_id is None:
        return programmes
    if user.role == Role.SPONSOR:
        return programmes.filter(sponsors__sponsor__members=user).distinct()
    scope = scope_code(user)
    assert scope is not None
    return programmes.filter(
        Q(region_id=scope) | Q(region__code__startswith=f"{scope}.") | Q(region_id__in=ancestor_codes(scope))
    )


def access_programme(user: Any, programme_id: int) -> Programme:
    programme = programmes_for(user).filter(pk=programme_id).first()
    if programme is None:
        raise NotInScope(f"Program nomor {programme_id} tidak ditemukan.")
    return programme


def may_edit_programme(user: Any, programme: Programme) -> bool:
    """Edits (plans saved, cohorts, BPJS files) belong to the programme's own region, not to a village
    under it nor to a province above it."""
    from jaring.accounts.access import has_capability

    if not has_capability(user, Cap.PROGRAMMES_EDIT):
        return False
    scope = scope_code(user)
    return scope is None or programme.region_id == scope or programme.region_id.startswith(f"{scope}.")
