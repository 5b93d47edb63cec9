"""What the login page says when it refuses (issue 9: "Masukkan nama pengguna nama pengguna ...")."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jaring.accounts.services import user_deactivate

pytestmark = pytest.mark.django_db


def _refusal(client, username: str, password: str, ip: str = "198.51.100.20") -> str:
    response = client.post(reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=ip)
    assert response.status_code == 200
    html: str = response.content.decode()
    return html.split('<div class="errors">', 1)[1].split("</div>", 1)[0]


def test_a_wrong_password_is_said_once_and_plainly(client, tegal_operator):
    text = _refusal(client, "operator.tegal", "salah")
    assert "Nama pengguna atau kata sandi salah" in text
    assert text.lower().count("nama pengguna") == 1


def test_a_deactivated_account_gets_the_same_answer_as_a_wrong_password(client, tegal_operator):
    # Saying "deactivated" would confirm the username exists to whoever is guessing.
    user_deactivate(user=tegal_operator)
    assert "Nama pengguna atau kata sandi salah" in _refusal(client, "operator.tegal", "jaring-demo-2026")


def test_the_lockout_says_how_long_to_wait(client, tegal_operator, settings):
    settings.LOGIN_LOCKOUT_MINUTES = 30
    for _ in range(settings.LOGIN_MAX_FAILURES):
        _refusal(client, "operator.tegal", "salah")
    text = _refusal(client, "operator.tegal", "salah")
    assert "Terlalu banyak percobaan masuk yang gagal" in text
    assert "Tunggu 30 menit, lalu coba lagi." in text


def test_english_login_page_refuses_in_english(client, tegal_operator):
    client.cookies["django_language"] = "en"
    assert "Incorrect username or password" in _refusal(client, "operator.tegal", "salah")
