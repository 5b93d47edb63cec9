from __future__ import annotations

from django.db.models import Q, QuerySet

from jaring.audit.models import AuditEvent


def audit_events_in_scope(*, scope_code: str | None) -> QuerySet[AuditEvent]:
    """Events of a region and everything below it, plus national (reference data) events.

    ``scope_code`` None means national scope. Callers get the scope from ``jaring.accounts.access``.
    """
    qs = AuditEvent.objects.select_related("actor")
    if scope_code is None:
        return qs
    return qs.filter(Q(region_code="") | Q(region_code=scope_code) | Q(region_code__startswith=f"{scope_code}."))
