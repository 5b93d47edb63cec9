from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction

from jaring.audit.models import AuditEvent
from jaring.audit.selectors import audit_events_in_scope
from jaring.audit.services import audit_record

pytestmark = pytest.mark.django_db


def _event(region_code: str) -> AuditEvent:
    with transaction.atomic():
        return audit_record(actor=None, action="test.event", obj=None, region_code=region_code, summary={"n": 1})


def test_events_cannot_be_updated():
    event = _event("33.28")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="test.tampered")
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event"


def test_events_cannot_be_deleted():
    event = _event("33.28")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_scope_includes_region_below_and_national_only():
    for code in ("33.28", "33.28.01.2001", "33.76", "32.16", ""):
        _event(code)
    seen = set(
        audit_events_in_scope(scope_code="33.28").filter(action="test.event").values_list("region_code", flat=True)
    )
    assert seen == {"33.28", "33.28.01.2001", ""}
