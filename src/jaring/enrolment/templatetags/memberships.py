"""The worker page's "Kepesertaan" section, rendered from the enrolment side: the registry sits below
enrolment and may not import it, but its template may load this library."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Prefetch

from jaring.enrolment.models import Membership, Status
from jaring.funding.models import ProgrammeSponsor

register = template.Library()


@register.inclusion_tag("enrolment/_worker_memberships.html")
def worker_memberships(worker: Any) -> dict[str, Any]:
    """Every membership of a worker the caller already reached through access_worker."""
    sponsors = Prefetch("programme__sponsors", queryset=ProgrammeSponsor.objects.select_related("sponsor"))
    memberships = list(
        Membership.objects.filter(worker_id=worker.pk).select_related("programme").prefetch_related(sponsors)
        .order_by("-start", "-pk")
    )  # fmt: skip
    active = [m.end for m in memberships if m.status == Status.ACTIVE]
    return {"memberships": memberships, "protected_until": max(active) if active else None}
