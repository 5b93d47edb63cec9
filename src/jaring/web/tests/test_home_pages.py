"""Each role's home page offers only pages that work for it, with counts written the Indonesian way (issue 9)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jaring.registry.models import Worker

pytestmark = pytest.mark.django_db

PERSONAS = ["tegal_operator", "village_operator", "bpjs_officer", "auditor", "leader", "tegal_admin"]


def _links(html: str, container: str) -> list[str]:
    block = html.split(container, 1)[1].split("</ul>" if container.startswith("<ul") else "</nav>", 1)[0]
    return re.findall(r'href="([^"]+)"', block)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_card_and_menu_link_opens_for_the_role(request, client_for, persona):
    client = client_for(request.getfixturevalue(persona))
    html = client.get("/").content.decode()
    cards, menu = _links(html, '<ul class="home-cards">'), _links(html, '<nav class="nav"')
    assert cards, "every role has something to do"
    for url in cards + menu:
        if url.startswith("/api/docs"):
            continue  # a redirect to the API's own documentation page
        assert client.get(url, follow=True).status_code == 200, f"{persona}: {url}"


@pytest.mark.parametrize(
    ("persona", "absent"),
    [
        ("tegal_operator", ["APBD/DBHCHT", "pembayaran"]),
        ("village_operator", ["sampai kapan", "Duplikat<"]),
        ("bpjs_officer", ["klaim", "merekonsiliasi", "Permintaan pindah<", "Duplikat<"]),
        ("leader", ["klaim", "Impor daftar"]),
        ("tegal_admin", ["Mengelola pengguna"]),
    ],
)
def test_home_promises_nothing_that_does_not_exist_yet(request, client_for, persona, absent):
    html = client_for(request.getfixturevalue(persona)).get("/").content.decode()
    for text in absent:
        assert text not in html


def _workers(village: str, n: int, start: int) -> None:
    now = timezone.now()
    Worker.objects.bulk_create(
        Worker(
            nik=f"{village.replace('.', '')[:6]}5203{start + i:06d}",
            name=f"Pekerja {i}",
            search_name=f"pekerja {i}",
            sex="F",
            village_id=village,
            created_at=now,
            updated_at=now,
        )
        for i in range(n)
    )


@pytest.mark.parametrize("persona", ["tegal_operator", "leader", "auditor"])
def test_home_counts_the_regions_workers_with_thousands_separators(request, client_for, persona):
    _workers("33.28.01.2001", 3321, 0)
    _workers("32.16.01.2001", 7, 900000)  # Kabupaten Bekasi: never counted for Tegal
    html = client_for(request.getfixturevalue(persona)).get("/").content.decode()
    assert "<b>3.321</b> pekerja terdaftar" in html
    assert "3.328" not in html


def test_home_is_a_handful_of_queries(client_for, tegal_operator):
    client = client_for(tegal_operator)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert len(queries) <= 10


def test_region_page_counts_workers_per_district_within_the_users_scope(client_for, tegal_operator, village_operator):
    _workers("33.28.01.2001", 1200, 0)  # Prupuk Selatan, Margasari
    _workers("33.28.01.2002", 3, 100000)  # Kaligayam, Margasari
    _workers("33.28.02.2001", 2, 200000)  # Bumijawa
    html = client_for(tegal_operator).get("/wilayah/33.28/").content.decode()
    assert "<b>1.205</b> pekerja terdaftar" in html
    assert '<td class="amount">1.203</td>' in html
    assert '<td class="amount">2</td>' in html
    # The village operator may open the regency's page, but counts only their own village.
    html = client_for(village_operator).get("/wilayah/33.28/").content.decode()
    assert "<b>1.200</b> pekerja terdaftar" in html


def test_a_leader_sees_small_counts_as_less_than_five(client_for, leader):
    _workers("33.28.01.2002", 3, 100000)
    html = client_for(leader).get("/wilayah/33.28.01/").content.decode()
    assert '<td class="amount">&lt; 5</td>' in html
    assert '<td class="amount">3</td>' not in html
    assert "<b>&lt; 5</b> pekerja terdaftar" in html
