"""Finding 9 of issue 8: a user who has audit events is deactivated, never deleted."""

from __future__ import annotations

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from jaring.accounts.personas import DEMO_PASSWORD
from jaring.accounts.services import api_token_authenticate, api_token_create, user_deactivate
from jaring.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_deleting_a_user_who_acted_is_refused_up_front(tegal_operator):
    api_token_create(user=tegal_operator, name="sipd")  # an event with this actor
    with pytest.raises(ProtectedError):
        tegal_operator.delete()
    assert AuditEvent.objects.filter(actor=tegal_operator).exists()


def test_deactivated_user_cannot_log_in_or_use_tokens(client, tegal_operator, tegal_admin):
    issued = api_token_create(user=tegal_operator, name="sipd")
    user_deactivate(user=tegal_operator, actor=tegal_admin)
    tegal_operator.refresh_from_db()
    assert not tegal_operator.is_active
    assert api_token_authenticate(issued.plaintext) is None
    response = client.post(reverse("accounts:login"), {"username": "operator.tegal", "password": DEMO_PASSWORD})
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="user.deactivate")
    assert event.actor == tegal_admin
    assert event.summary["tokens_revoked"] == 1
