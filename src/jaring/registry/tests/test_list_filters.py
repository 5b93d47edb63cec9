"""The list's village and source filters (issue 9): scoped, bounded, and answering without JavaScript too."""

from __future__ import annotations

import pytest

from jaring.registry.models import Worker
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db


def _worker(actor, nik: str, name: str, village: str = "33.28.01.2001", source: str = "isian manual") -> Worker:
    return worker_register(
        actor=actor, data=WorkerInput(nik=nik, name=name, sex="F", village_code=village, source=source)
    )


@pytest.fixture
def registry(tegal_operator, bekasi_operator):
    _worker(tegal_operator, "3328015203900001", "Siti Prupuk", source="Musdes Prupuk 2026")
    _worker(tegal_operator, "3328015203900002", "Sri Tetangga", village="33.28.01.2002", source="Asosiasi Nelayan")
    _worker(tegal_operator, "3328025203900003", "Dewi Lain", village="33.28.02.2001", source="MUSDES Lain")
    _worker(bekasi_operator, "3216015203900004", "Rina Bekasi", village="32.16.01.2001", source="Musdes Bekasi")


def _names(client, query: str) -> list[str]:
    html = client.get(f"/pekerja/?{query}").content.decode()
    return [n for n in ("Siti Prupuk", "Sri Tetangga", "Dewi Lain", "Rina Bekasi") if n in html]


def test_village_filter_narrows_the_list(client_for, tegal_operator, registry):
    client = client_for(tegal_operator)
    assert _names(client, "district=33.28.01&village=33.28.01.2002") == ["Sri Tetangga"]


def test_page_offers_the_villages_of_the_chosen_district_without_javascript(client_for, tegal_operator, registry):
    html = client_for(tegal_operator).get("/pekerja/?district=33.28.01").content.decode()
    assert 'value="33.28.01.2001"' in html
    assert 'value="33.28.01.2002"' in html
    assert 'value="33.28.02.2001"' not in html


def test_village_options_load_for_a_district(client_for, tegal_operator):
    html = client_for(tegal_operator).get("/pekerja/desa/?district=33.28.02").content.decode()
    assert 'value="33.28.02.2001"' in html
    assert "33.28.01." not in html


def test_village_options_never_leave_the_scope(client_for, tegal_operator, village_operator):
    assert (
        '<option value="32.16'
        not in client_for(tegal_operator).get("/pekerja/desa/?district=32.16.01").content.decode()
    )
    html = client_for(village_operator).get("/pekerja/desa/?district=33.28.01").content.decode()
    assert html.count("<option") == 1
    assert 'value="33.28.01.2001"' in html


def test_village_operator_list_offers_only_their_village(client_for, village_operator, registry):
    html = client_for(village_operator).get("/pekerja/").content.decode()
    assert 'value="33.28.01.2001"' in html
    assert 'value="33.28.01.2002"' not in html
    assert 'name="district"' not in html


@pytest.mark.parametrize(
    "query",
    ["village=32.16.01.2001", "district=32.16.01&village=32.16.01.2001", "village=33.28.01.2002", "village=x%25"],
)
def test_forged_village_outside_scope_yields_nothing(client_for, village_operator, registry, query):
    response = client_for(village_operator).get(f"/pekerja/?{query}")
    assert response.status_code == 200
    assert _names(client_for(village_operator), query) == []


def test_village_outside_the_chosen_district_is_dropped(client_for, tegal_operator, registry):
    assert _names(client_for(tegal_operator), "district=33.28.02&village=33.28.01.2001") == ["Dewi Lain"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("musdes", ["Siti Prupuk", "Dewi Lain"]),
        ("NELAYAN", ["Sri Tetangga"]),
        ("prupuk  2026", ["Siti Prupuk"]),
        ("%", []),
        ("_", []),
        ("tidak ada", []),
    ],
)
def test_source_filter_matches_part_of_the_name_in_any_case(client_for, tegal_operator, registry, source, expected):
    assert _names(client_for(tegal_operator), f"source={source.replace('%', '%25')}") == expected


def test_source_filter_is_bounded(client_for, tegal_operator, registry):
    html = client_for(tegal_operator).get("/pekerja/?source=" + "a" * 151).content.decode()
    assert "terlalu panjang" in html


def test_source_filter_stays_in_scope(client_for, bekasi_operator, registry):
    assert _names(client_for(bekasi_operator), "source=musdes") == ["Rina Bekasi"]


def test_source_filter_reads_names_then_workers_by_equality(client_for, tegal_operator, registry):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client_for(tegal_operator).get("/pekerja/?source=musdes")
    sql = " ".join(q["sql"] for q in queries)
    assert '"registry_worker"."source" IN (' in sql
    assert '"source" LIKE' not in sql.upper().replace('"SOURCE"', '"source"')
