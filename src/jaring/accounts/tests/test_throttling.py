"""Finding 10 of issue 8: throttling locks the source, not the account; typed usernames are not
stored (the CLI part is in cli/tests/test_users.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jaring.accounts.models import LoginFailure
from jaring.accounts.personas import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

STRANGER = "203.0.113.9"
OWNER = "198.51.100.7"


def _login(client, username: str, password: str, ip: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_strangers_failures_do_not_lock_the_owner_out(client, tegal_operator, settings):
    for _ in range(settings.LOGIN_MAX_FAILURES + 2):
        _login(client, "operator.tegal", "salah", STRANGER)
    assert "Terlalu banyak" in _login(client, "operator.tegal", DEMO_PASSWORD, STRANGER).content.decode()
    response = _login(client, "operator.tegal", DEMO_PASSWORD, OWNER)
    assert response.status_code == 302


def test_an_address_failing_for_many_accounts_is_locked(client, tegal_operator, settings):
    for n in range(settings.LOGIN_MAX_FAILURES_PER_ADDRESS):
        _login(client, f"tebakan{n}", "salah", STRANGER)
    response = _login(client, "operator.tegal", DEMO_PASSWORD, STRANGER)
    assert response.status_code == 200
    assert "Terlalu banyak percobaan masuk yang gagal" in response.content.decode()
    assert _login(client, "operator.tegal", DEMO_PASSWORD, OWNER).status_code == 302


def test_typed_unknown_username_is_not_stored(client):
    _login(client, "Rahasia-Sandi-123!", "x", STRANGER)
    stored = [str(v) for v in LoginFailure.objects.values_list(flat=False).get()]
    assert not any("rahasia-sandi-123!" in value.lower() for value in stored)


PROXY = "10.0.0.1"


def _via_proxy(client, username: str, password: str, forwarded: str):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_behind_a_trusted_proxy_the_client_address_counts(client, tegal_operator, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    for n in range(settings.LOGIN_MAX_FAILURES_PER_ADDRESS):
        _via_proxy(client, f"tebakan{n}", "salah", STRANGER)
    assert _via_proxy(client, "operator.tegal", DEMO_PASSWORD, f"1.2.3.4, {OWNER}").status_code == 302


def test_forwarded_header_from_an_untrusted_address_is_ignored(client, tegal_operator, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    for n in range(settings.LOGIN_MAX_FAILURES_PER_ADDRESS):
        client.post(
            reverse("accounts:login"),
            {"username": f"tebakan{n}", "password": "salah"},
            REMOTE_ADDR=STRANGER,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",  # a different made-up address each time
        )
    response = _login(client, "operator.tegal", DEMO_PASSWORD, STRANGER)
    assert "Terlalu banyak percobaan masuk yang gagal" in response.content.decode()
