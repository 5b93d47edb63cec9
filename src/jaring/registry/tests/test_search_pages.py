"""The registry list at scale (issue 8): token index, capped counts, bounded pages; hostile queries (finding 5).
Runs on SQLite and on PostgreSQL (the suite runs on both)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jaring.registry import selectors
from jaring.registry.models import PossibleDuplicate, Worker
from jaring.registry.names import name_key, search_name
from jaring.registry.selectors import WorkerFilter, workers_page, workers_search
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db


def _worker(actor, i: int, name: str, village: str = "33.28.01.2001"):
    return worker_register(
        actor=actor, data=WorkerInput(nik=f"33280152039{i:05d}", name=name, sex="F", village_code=village)
    )


def _names(user, q: str) -> list[str]:
    return [w.name for w in workers_search(user, WorkerFilter(q=q))]


def _tokens(worker_id: int) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM registry_worker_token WHERE worker_id = %s", [worker_id])
        return {row[0] for row in cursor.fetchall()}


def test_token_index_follows_inserts_updates_and_deletes(tegal_operator):
    worker = _worker(tegal_operator, 1, "Mochammad Joesoef")
    assert _tokens(worker.pk) == {"mochammad", "joesoef", "muhamat", "yusup"}
    renamed = search_name("Siti Aminah")
    Worker.objects.filter(pk=worker.pk).update(search_name=renamed, name_key=name_key(renamed))
    assert _tokens(worker.pk) == {"siti", "aminah", "amina"}
    assert _names(tegal_operator, "yusuf") == []
    Worker.objects.filter(pk=worker.pk).delete()
    assert _tokens(worker.pk) == set()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # A word matches the beginning of a word of the name, as typed (as-you-type search) or spelled.
        ("sit", ["Siti Aminah"]),
        ("yusu", ["Mochammad Joesoef"]),
        ("ami s", ["Siti Aminah"]),
        ("s", ["Siti Aminah", "Slamet Riyadi"]),
    ],
)
def test_word_prefix_search(tegal_operator, query, expected):
    for i, name in enumerate(["Siti Aminah", "Slamet Riyadi", "Mochammad Joesoef"], start=1):
        _worker(tegal_operator, i, name)
    assert sorted(_names(tegal_operator, query)) == expected


def test_the_token_index_is_only_an_accelerator(tegal_operator):
    """A stale token (after a raw TRUNCATE or a restore) never brings in a worker whose name does not match."""
    worker = _worker(tegal_operator, 1, "Budi Santoso")
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO registry_worker_token (token, worker_id) VALUES ('siti', %s)", [worker.pk])
    assert _names(tegal_operator, "siti") == []


def test_a_partial_nik_is_not_searched(client_for, tegal_operator):
    _worker(tegal_operator, 1, "Siti Aminah")
    assert _names(tegal_operator, "3328015203") == []
    html = client_for(tegal_operator).get("/pekerja/?q=3328015203").content.decode()
    assert "NIK dicari utuh" in html
    assert "Siti Aminah" not in html


def test_list_queries_do_not_grow_with_rows(client_for, tegal_operator):
    client = client_for(tegal_operator)
    counts = []
    for first, n in [(1, 5), (6, 60)]:
        for i in range(first, first + n):
            _worker(tegal_operator, i, f"Pekerja {i}")
        for url in ["/pekerja/", "/pekerja/?q=pekerja", "/pekerja/?page=2"]:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
    # Session and user, the capped count (a search: its ids), the page's rows with village and occupation,
    # the page's open import warnings (one query), districts, occupations; a name search on PostgreSQL adds a
    # savepoint and two planner settings (12).
    assert counts[:3] == counts[3:]
    assert counts[0] == counts[2] == 7
    assert counts[1] <= 12


def test_counts_and_pages_are_bounded(client_for, tegal_operator, monkeypatch):
    monkeypatch.setattr(selectors, "MATCH_CAP", 6)
    monkeypatch.setattr(selectors, "PER_PAGE", 4)
    for i in range(1, 11):
        _worker(tegal_operator, i, f"Siti {chr(96 + i)}")
    listing = workers_page(tegal_operator, WorkerFilter(), "500")
    # Ten rows, counted up to 7: two pages of four, and page 500 is the last one within the cap.
    assert (listing.count, listing.capped, listing.num_pages, listing.number) == (7, True, 2, 2)
    assert [w.name for w in listing] == ["Siti e", "Siti f"]
    found = workers_page(tegal_operator, WorkerFilter(q="siti"), "2")
    assert found.capped
    assert [w.name for w in found] == ["Siti e", "Siti f"]
    html = client_for(tegal_operator).get("/pekerja/?q=siti&page=abc").content.decode()
    assert "Lebih dari 6 pekerja cocok" in html
    assert "Halaman 1 dari 2" in html


@pytest.mark.parametrize(
    "query",
    ["%", "_", "*", "\\", "%_%", "\x00", "siti\x00", "Сити", "سيتي", "王", "' OR 1=1 --", "a" * 100_000, "siti " * 20],
)
def test_hostile_queries_answer_sanely(client_for, tegal_operator, query):
    _worker(tegal_operator, 1, "Siti Aminah")
    client = client_for(tegal_operator)
    for field in ["source", "district", "village", "occupation", "segment", "page"]:
        assert client.get("/pekerja/", {field: query}).status_code == 200
    response = client.get("/pekerja/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    # A NUL byte is dropped, leaving an empty query: the whole list.
    assert ("Siti Aminah" in html) == (query.startswith("siti") or query == "\x00")


def test_nul_bytes_never_reach_the_database(tegal_operator):
    _worker(tegal_operator, 1, "Siti Aminah")
    assert _names(tegal_operator, "si\x00ti") == ["Siti Aminah"]
    # The source filter matches part of a source name ("isian" of "isian manual"), so it finds her.
    found = workers_search(tegal_operator, WorkerFilter(source="isian\x00", district="33.28\x00"))
    assert [w.name for w in found] == ["Siti Aminah"]


def test_a_query_longer_than_any_name_is_refused_in_indonesian(client_for, tegal_operator):
    html = client_for(tegal_operator).get("/pekerja/", {"q": "a" * 100_000}).content.decode()
    assert "Teks pencarian terlalu panjang" in html


@pytest.mark.parametrize("keep", ["abc", "", "0", "999999", "-1", "1e3"])
def test_merge_with_a_bad_keep_is_a_400(client_for, tegal_operator, keep):
    a = _worker(tegal_operator, 1, "Siti Aminah")
    b = _worker(tegal_operator, 2, "Siti Aminah")
    pair = PossibleDuplicate.objects.create(worker=a, other=b, score="0.950", reason="uji", created_at=a.created_at)
    response = client_for(tegal_operator).post(f"/pekerja/duplikat/{pair.pk}/gabung/", {"keep": keep})
    assert response.status_code == 400
    assert "Pilih salah satu" in response.content.decode()
    assert Worker.objects.count() == 2


def test_bulk_token_fill_indexes_rows_inserted_without_the_trigger(tegal_operator):
    from django.db import transaction

    from jaring.registry.tokens import bulk_token_fill

    before = _worker(tegal_operator, 1, "Budi Santoso")
    with transaction.atomic(), bulk_token_fill():
        during = _worker(tegal_operator, 2, "Mochammad Joesoef")
    assert _tokens(during.pk) == {"mochammad", "joesoef", "muhamat", "yusup"}
    assert _tokens(before.pk) == {"budi", "santoso", "santusu"}
    after = _worker(tegal_operator, 3, "Siti Aminah")  # the insert trigger is back
    assert _tokens(after.pk) == {"siti", "aminah", "amina"}
    assert _names(tegal_operator, "yusuf") == ["Mochammad Joesoef"]
