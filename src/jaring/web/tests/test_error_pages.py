"""Jaring's own 400/403/404/500 and CSRF pages; never Django's debug page (issue 8)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.test import Client

import jaring
from jaring.accounts.personas import DEMO_PASSWORD


def test_demo_settings_have_debug_off(tmp_path):
    # `make demo` runs in development without DEBUG set; it used to default to on.
    env = {
        "JARING_ENV": "development",
        "JARING_HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(Path(jaring.__file__).parents[1]),
    }
    proc = subprocess.run(
        [sys.executable, "-c", "import jaring.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout.strip() == "False ['127.0.0.1', 'localhost', 'testserver']"


@pytest.mark.django_db
def test_404_is_jarings_page_without_the_urlconf(client_for, tegal_operator):
    response = client_for(tegal_operator).get("/tidak-ada/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in html
    assert 'href="/"' in html
    assert "Kembali ke beranda" in html
    assert "URLconf" not in html
    assert "masuk/" not in html  # no list of the URL patterns


@pytest.mark.django_db
def test_404_for_an_anonymous_visitor():
    response = Client().get("/api/v1/tidak-ada-juga")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


@pytest.mark.django_db
def test_a_failing_view_gives_jarings_500_page(settings, client_for, tegal_operator):
    settings.ROOT_URLCONF = "jaring.tests.boom_urls"
    client = client_for(tegal_operator)
    client.raise_request_exception = False
    response = client.get("/uji/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Terjadi kesalahan di server" in html
    assert "Kembali ke beranda" in html
    assert "rahasia-di-traceback" not in html
    assert "Traceback" not in html


@pytest.mark.django_db
def test_403_is_jarings_page(settings, client_for, tegal_operator):
    settings.ROOT_URLCONF = "jaring.tests.boom_urls"
    response = client_for(tegal_operator).get("/uji/terlarang/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Akses ditolak" in html
    assert "Kembali ke beranda" in html


def test_500_and_400_render_without_request_or_database():
    # No django_db mark: any query would fail the test. Django renders these with no context at all.
    for name, title in [("500.html", "Terjadi kesalahan di server"), ("400.html", "Permintaan tidak sah")]:
        html = render_to_string(name)
        assert title in html
        assert 'href="/"' in html


@pytest.mark.django_db
def test_unknown_host_gets_jarings_400_page():
    response = Client().get("/masuk/", HTTP_HOST="penyerang.example")
    assert response.status_code == 400
    assert "Permintaan tidak sah" in response.content.decode()


@pytest.mark.django_db
def test_csrf_failure_is_jarings_page(tegal_operator):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/masuk/", {"username": "operator.tegal", "password": DEMO_PASSWORD})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Formulir ditolak" in html
    assert "CSRF_TRUSTED_ORIGINS" in html
    assert "Kembali ke beranda" in html
