"""The worker page's "Kepesertaan" section, rendered from the enrolment side: the registry sits below
enrolment and may not import it, but its template may load this library."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Prefetch

from jaring.accounts.access import has_capability
from jaring.accounts.roles import Cap
from jaring.enrolment.models import Membership, Status
from jaring.funding.models import ProgrammeSponsor
from jaring.funding.selectors import programmes_for

register = template.Library()


@register.inclusion_tag("enrolment/_worker_memberships.html", takes_context=True)
def worker_memberships(context: dict[str, Any], worker: Any) -> dict[str, Any]:
    """The memberships of a worker the caller already reached through access_worker, in the programmes the
    viewer may see (a worker who moved in from another region keeps that region's programmes to itself)."""
    user = context["request"].user
    if not has_capability(user, Cap.PROGRAMMES_VIEW):
        return {"memberships": [], "protected_until": None, "hidden": True}
    sponsors = Prefetch("programme__sponsors", queryset=ProgrammeSponsor.objects.select_related("sponsor"))
    memberships = list(
        Membership.objects.filter(worker_id=worker.pk, programme__in=programmes_for(user))
        .select_related("programme").prefetch_related(sponsors)
        .order_by("-start", "-pk")
    )  # fmt: skip
    active = [m.end for m in memberships if m.status == Status.ACTIVE]
    return {"memberships": memberships, "protected_until": max(active) if active else None}
