from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from jaring.audit.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "region_text", "nav_has", "nav_lacks"),
    [
        ("tegal_operator", "Kabupaten Tegal", ["Cek NIK"], ["Jejak audit"]),
        ("village_operator", "Desa Prupuk Selatan", ["Cek NIK"], ["Jejak audit"]),
        ("auditor", "Kabupaten Tegal", ["Jejak audit"], []),
        ("leader", "Kabupaten Tegal", [], ["Cek NIK", "Jejak audit"]),
        ("bekasi_operator", "Kabupaten Bekasi", ["Cek NIK"], []),
    ],
)
def test_home_shows_region_and_role_navigation(request, client_for, persona, region_text, nav_has, nav_lacks):
    html = client_for(request.getfixturevalue(persona)).get("/").content.decode()
    assert region_text in html
    for label in nav_has:
        assert f">{label}</a>" in html
    for label in nav_lacks:
        assert f">{label}</a>" not in html


def test_village_operator_home_shows_parents(client_for, village_operator):
    html = client_for(village_operator).get("/").content.decode()
    assert "Kecamatan Margasari" in html
    assert "Kabupaten Tegal" in html


def test_language_switch_to_english(client_for, tegal_operator):
    client = client_for(tegal_operator)
    assert "Wilayah Anda" in client.get("/").content.decode()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert "Your region" in html
    assert 'lang="en"' in html


def test_nik_check_page_and_htmx_fragment(client_for, tegal_operator):
    client = client_for(tegal_operator)
    full = client.get("/cek-nik/?nik=3602041211870001").content.decode()
    assert "NIK sah" in full
    assert "<html" in full
    fragment = client.get("/cek-nik/?nik=3602041211870000", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert "NIK.SERIAL" in fragment


def test_audit_page_is_scoped_and_bounded_in_queries(client_for, auditor):
    with transaction.atomic():
        for code in ["33.28"] * 30 + ["32.16"] * 5:
            audit_record(actor=None, action="test.scoped", obj=None, region_code=code, summary={"region": code})
    client = client_for(auditor)
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/audit/?action=test.").content.decode()
    assert html.count("test.scoped") == 30
    assert "32.16" not in html
    assert len(queries) <= 8


def test_region_page_lists_children(client_for, tegal_operator):
    html = client_for(tegal_operator).get("/wilayah/33.28.01/").content.decode()
    assert "Prupuk Selatan" in html
    assert "Jawa Tengah" in html


def test_english_browser_still_gets_indonesian_until_the_user_switches(client_for, tegal_operator):
    html = client_for(tegal_operator).get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert "Wilayah Anda" in html
