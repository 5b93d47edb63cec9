"""Finding 9 of issue 8: an insert that reuses an event's id cannot rewrite it (SQLite's INSERT OR
REPLACE deletes without firing DELETE triggers; PostgreSQL's ON CONFLICT DO UPDATE is an UPDATE)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from jaring.audit.models import AuditEvent
from jaring.audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_insert_with_an_existing_id_cannot_rewrite_the_event():
    with transaction.atomic():
        event = audit_record(actor=None, action="test.event", obj=None, region_code="33.28", summary={"n": 1})
    insert = (
        "INTO audit_auditevent (id, at, actor_label, action, object_type, object_id, region_code, summary) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
    )
    values: list[Any] = [event.pk, timezone.now(), "penyusup", "test.tampered", "", "", "33.28", json.dumps({})]
    if connection.vendor == "sqlite":
        sql = "INSERT OR REPLACE " + insert
    else:
        sql = "INSERT " + insert + " ON CONFLICT (id) DO UPDATE SET action = EXCLUDED.action"
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, values)
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.action, stored.actor_label) == ("test.event", "sistem")


def test_new_events_still_insert():
    with transaction.atomic():
        audit_record(actor=None, action="test.a", obj=None, region_code="", summary={})
        audit_record(actor=None, action="test.b", obj=None, region_code="", summary={})
    assert AuditEvent.objects.filter(action__in=["test.a", "test.b"]).count() == 2
