"""The one write path of the audit trail."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils import timezone

from jaring.audit.models import AuditEvent

SYSTEM_ACTOR = "sistem"


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None,
    region_code: str,
    summary: dict[str, Any],
) -> AuditEvent:
    """Writes an audit event inside the caller's transaction.

    ``actor`` is a user or None (the system, e.g. `jaring setup`). ``summary`` must not hold a full
    NIK: callers pass masked values (UU PDP 27/2022).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the service's transaction")
    return AuditEvent.objects.create(
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=getattr(actor, "username", None) or SYSTEM_ACTOR,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        region_code=region_code,
        summary=summary,
    )
