"""A big insert builds the indexes once after it (SQLite): same indexes, same tokens, nothing lost on failure."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from jaring.registry import bulk_load
from jaring.registry.bulk import workers_bulk_upsert
from jaring.registry.models import Worker
from jaring.registry.selectors import WorkerFilter, workers_search
from jaring.registry.tests.test_bulk import _batch, _frame, _row

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the big-load path is SQLite's (ADR 0011)"),
]


def _schema() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT type, name FROM sqlite_master WHERE tbl_name IN ('registry_worker', 'registry_worker_token') "
            "ORDER BY type, name"
        )
        return [(str(kind), str(name)) for kind, name in cursor.fetchall()]


@pytest.fixture
def small_big_load(monkeypatch):
    # Every load counts as big here, so that three rows take the path a million do.
    monkeypatch.setattr(bulk_load, "BIG_LOAD_ROWS", 1)
    executed: list[str] = []
    real = bulk_load._secondary_indexes

    def spy():
        found = real()
        executed.extend(name for name, _ in found)
        return found

    monkeypatch.setattr(bulk_load, "_secondary_indexes", spy)
    return executed


def test_a_big_load_into_an_empty_registry_rebuilds_the_same_indexes(tegal_operator, small_big_load):
    before = _schema()
    frame = _frame(_row("3328015203900002", "Siti Aminah"), _row("3328015203900001", "Joko Susilo", sex="M"))
    result = workers_bulk_upsert(actor=tegal_operator, batch=_batch(tegal_operator), frame=frame)
    assert result.created == 2
    assert "worker_village_name" in small_big_load, "the secondary indexes were dropped for the load"
    assert _schema() == before
    # The token index was filled after the load: the name search finds both.
    assert [w.name for w in workers_search(tegal_operator, WorkerFilter(q="siti"))] == ["Siti Aminah"]
    assert [w.name for w in workers_search(tegal_operator, WorkerFilter(q="joko"))] == ["Joko Susilo"]


def test_a_big_load_beside_a_bigger_table_keeps_the_indexes(tegal_operator, small_big_load):
    existing = _frame(*[_row(f"33280152039{i:05d}", f"Warga {chr(97 + i)}") for i in range(1, 4)])
    workers_bulk_upsert(actor=tegal_operator, batch=_batch(tegal_operator), frame=existing)
    small_big_load.clear()
    workers_bulk_upsert(
        actor=tegal_operator, batch=_batch(tegal_operator), frame=_frame(_row("3328015203900009", "Sri Rahayu"))
    )
    assert small_big_load == []
    assert [w.name for w in workers_search(tegal_operator, WorkerFilter(q="sri"))] == ["Sri Rahayu"]


def test_a_failed_big_load_leaves_indexes_and_rows_as_they_were(tegal_operator, small_big_load, monkeypatch):
    before = _schema()

    def failing_copy(table, columns, frame):
        raise IntegrityError("gagal di tengah")

    monkeypatch.setattr("jaring.registry.bulk.copy_rows", failing_copy)
    with pytest.raises(IntegrityError), transaction.atomic():
        workers_bulk_upsert(
            actor=tegal_operator, batch=_batch(tegal_operator), frame=_frame(_row("3328015203900001", "Siti"))
        )
    assert _schema() == before
    assert not Worker.objects.exists()
