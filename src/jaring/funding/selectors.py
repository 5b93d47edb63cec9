"""Reads of programmes, scoped: the region's own and its ancestors' (a village sees the regency's
programme that covers it); a sponsor user only the programmes its sponsor funds."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from jaring.accounts.access import NotInScope, require_capability, scope_code
from jaring.accounts.roles import Cap, Role
from jaring.funding.models import BudgetLine, Programme, ProgrammeSponsor, Sponsor
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


def _in_reach(scope: str) -> Q:
    return Q(region_id=scope) | Q(region__code__startswith=f"{scope}.") | Q(region_id__in=ancestor_codes(scope))


def sponsors_for(user: Any) -> QuerySet[Sponsor]:
    """The sponsors a user may read, with their budget lines: the region's own and its ancestors'; a
    sponsor user only the sponsors it speaks for."""
    require_capability(user, Cap.PROGRAMMES_VIEW)
    sponsors = Sponsor.objects.select_related("region").prefetch_related(
        Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("-fiscal_year", "revision", "pk"))
    )
    if user.is_superuser and user.region_id is None:
        return sponsors
    if user.role == Role.SPONSOR:
        return sponsors.filter(members=user)
    scope = scope_code(user)
    assert scope is not None
    return sponsors.filter(_in_reach(scope))


def access_sponsor(user: Any, sponsor_id: int) -> Sponsor:
    sponsor = sponsors_for(user).filter(pk=sponsor_id).first()
    if sponsor is None:
        raise NotInScope(f"Sponsor nomor {sponsor_id} tidak ditemukan.")
    return sponsor


def programme_rows(user: Any) -> QuerySet[Programme]:
    """The list page's programmes with their region and sponsors in three queries, whatever their number."""
    shares = ProgrammeSponsor.objects.select_related("sponsor").order_by("-share", "pk")
    return programmes_for(user).select_related("region").prefetch_related(Prefetch("sponsors", queryset=shares))


def _membership_model() -> Any:
    # The enrolment app sits above funding and is not imported here: its model is reached through the relation.
    return Programme._meta.get_field("memberships").related_model


def member_counts(user: Any, programmes: list[Programme]) -> dict[int, dict[str, int]]:
    """Memberships per programme and status, in one query; a village operator counts its village only."""
    memberships = _membership_model().objects.filter(programme_id__in=[p.pk for p in programmes])
    scope = scope_code(user)
    if scope is not None and user.role != Role.SPONSOR:
        wider = [p.pk for p in programmes if len(p.region_id) >= len(scope)]
        memberships = memberships.filter(
            Q(programme_id__in=wider) | Q(worker__village_id=scope) | Q(worker__village__code__startswith=f"{scope}.")
        )
    counts: dict[int, dict[str, int]] = {}
    for pk, status, n in memberships.order_by().values_list("programme_id", "status").annotate(n=Count("id")):
        counts.setdefault(pk, {})[status] = n
    return counts


def membership_status_labels() -> dict[str, str]:
    field = _membership_model()._meta.get_field("status")
    return {str(value): str(label) for value, label in field.choices}
