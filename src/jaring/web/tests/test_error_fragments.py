"""Errors inside an htmx request: a card that replaces the page's content, never a silent nothing (issue 9)."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from jaring.web.errors import server_error

HTMX = {"HX-Request": "true"}


def _assert_fragment(response, status: int, title: str) -> str:
    html: str = response.content.decode()
    assert response.status_code == status
    assert "<html" not in html
    assert title in html
    assert 'href="/"' in html
    assert response["HX-Retarget"] == "main"
    assert response["HX-Reswap"] == "innerHTML"
    return html


@pytest.mark.django_db
def test_a_refused_htmx_request_gets_the_403_card(client_for, leader):
    response = client_for(leader).get("/cek-nik/?nik=3602041211870001", headers=HTMX)
    _assert_fragment(response, 403, "Akses ditolak")


@pytest.mark.django_db
def test_a_refused_full_page_is_still_the_whole_403_page(client_for, leader):
    response = client_for(leader).get("/cek-nik/?nik=3602041211870001")
    assert response.status_code == 403
    assert "<html" in response.content.decode()
    assert "HX-Retarget" not in response


@pytest.mark.django_db
def test_an_htmx_request_for_another_regions_worker_gets_the_404_card(client_for, bekasi_operator):
    _assert_fragment(client_for(bekasi_operator).get("/wilayah/33.28/", headers=HTMX), 404, "Halaman tidak ditemukan")


@pytest.mark.django_db
def test_a_failing_htmx_request_gets_the_500_card(settings, client_for, tegal_operator):
    settings.ROOT_URLCONF = "jaring.tests.boom_urls"
    client = client_for(tegal_operator)
    client.raise_request_exception = False
    html = _assert_fragment(client.get("/uji/boom/", headers=HTMX), 500, "Terjadi kesalahan di server")
    assert "rahasia-di-traceback" not in html


def test_the_500_card_renders_without_a_database():
    # No django_db mark: any query fails the test.
    request = RequestFactory().get("/pekerja/", headers=HTMX)
    _assert_fragment(server_error(request), 500, "Terjadi kesalahan di server")


@pytest.mark.django_db
def test_a_stale_form_in_htmx_gets_the_refused_form_card(tegal_operator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(tegal_operator)
    response = client.post("/pekerja/duplikat/1/abaikan/", headers=HTMX)
    _assert_fragment(response, 403, "Formulir ditolak")


@pytest.mark.django_db
def test_a_signed_out_htmx_request_loads_the_login_page_in_the_window():
    response = Client().get("/cek-nik/?nik=3602041211870001", headers=HTMX)
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith("/masuk/?next=")


@pytest.mark.django_db
def test_a_signed_out_full_page_request_is_still_redirected():
    response = Client().get("/cek-nik/")
    assert response.status_code == 302
    assert "HX-Redirect" not in response
