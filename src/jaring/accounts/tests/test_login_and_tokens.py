from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from jaring.accounts.models import ApiToken
from jaring.accounts.personas import DEMO_PASSWORD
from jaring.accounts.services import api_token_authenticate, api_token_create, api_token_revoke
from jaring.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_login_page_speaks_indonesian(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert "Masuk ke Jaring" in response.content.decode()


def test_login_and_audit(client, tegal_operator):
    response = client.post(reverse("accounts:login"), {"username": "operator.tegal", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("web:home")
    assert AuditEvent.objects.filter(action="auth.login", actor=tegal_operator).count() == 1


def test_login_locks_after_five_failures(client, tegal_operator, settings):
    for _ in range(settings.LOGIN_MAX_FAILURES):
        response = client.post(reverse("accounts:login"), {"username": "operator.tegal", "password": "salah"})
        assert response.status_code == 200
    response = client.post(reverse("accounts:login"), {"username": "operator.tegal", "password": DEMO_PASSWORD})
    assert response.status_code == 200
    assert "Terlalu banyak percobaan masuk yang gagal" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failed_login_for_unknown_name_keeps_no_typed_text(client):
    client.post(reverse("accounts:login"), {"username": "Rahasia123!", "password": "x"})
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert "Rahasia123!" not in str(event.summary)


def test_tokens_are_stored_hashed_and_revocable(tegal_operator):
    issued = api_token_create(user=tegal_operator, name="sipd")
    stored = ApiToken.objects.get(pk=issued.token.pk)
    assert issued.plaintext not in (stored.digest, stored.prefix)
    assert len(stored.digest) == 64
    assert api_token_authenticate(issued.plaintext) == tegal_operator
    api_token_revoke(user=tegal_operator, token_id=stored.pk)
    assert api_token_authenticate(issued.plaintext) is None


def test_token_page_shows_plaintext_once(client_for, tegal_operator):
    client: Client = client_for(tegal_operator)
    response = client.post(reverse("accounts:tokens"), {"name": "laptop"})
    token = ApiToken.objects.get(user=tegal_operator)
    assert token.prefix in response.content.decode()
    again = client.get(reverse("accounts:tokens")).content.decode()
    assert token.prefix in again
    assert "Salin token ini sekarang" not in again


def test_cannot_revoke_someone_elses_token(client_for, tegal_operator, bekasi_operator):
    issued = api_token_create(user=tegal_operator, name="sipd")
    response = client_for(bekasi_operator).post(reverse("accounts:token_revoke", args=[issued.token.pk]))
    assert response.status_code == 404
    assert api_token_authenticate(issued.plaintext) == tegal_operator


def test_a_token_of_a_deactivated_user_no_longer_authenticates(tegal_operator):
    issued = api_token_create(user=tegal_operator, name="sipd")
    tegal_operator.is_active = False
    tegal_operator.save(update_fields=["is_active"])
    assert api_token_authenticate(issued.plaintext) is None
    assert api_token_authenticate("jrg_tidak-ada") is None
    assert api_token_authenticate("bukan-token") is None


def test_last_used_is_recorded_at_first_use_then_at_most_every_few_minutes(tegal_operator):
    from datetime import timedelta

    from django.utils import timezone

    issued = api_token_create(user=tegal_operator, name="sipd")
    user = api_token_authenticate(issued.plaintext)
    assert user is not None
    assert (user.pk, user.region_id, user.is_active) == (tegal_operator.pk, "33.28", True)
    assert timezone.is_aware(user.date_joined)
    first = ApiToken.objects.get(pk=issued.token.pk).last_used_at
    assert first is not None
    api_token_authenticate(issued.plaintext)
    assert ApiToken.objects.get(pk=issued.token.pk).last_used_at == first
    ApiToken.objects.filter(pk=issued.token.pk).update(last_used_at=first - timedelta(minutes=6))
    api_token_authenticate(issued.plaintext)
    touched = ApiToken.objects.get(pk=issued.token.pk).last_used_at
    assert touched is not None
    assert touched > first
