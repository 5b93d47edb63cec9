from __future__ import annotations

from datetime import date
from decimal import Decimal

import polars as pl
import pytest
from django.utils import timezone

from jaring.registry.bulk import FRAME_SCHEMA, workers_bulk_upsert
from jaring.registry.models import PossibleDuplicate, SourceBatch, Worker, WorkerChange
from jaring.registry.names import search_name

pytestmark = pytest.mark.django_db

VILLAGE = "33.28.01.2001"


def _row(nik: str, name: str, **extra):
    row = {
        "nik": nik,
        "name": name,
        "search_name": search_name(name),
        "sex": "F",
        "birth_place": "Tegal",
        "birth_date": date(1990, 3, 12),
        "address": "RT 01/RW 02",
        "village_id": VILLAGE,
        "occupation_id": "petani",
        "occupation_text": "Petani",
        "income": 1_500_000,
        "phone": "081234567890",
        "decile": 3,
        "source": "Desa Prupuk Selatan",
    }
    row.update(extra)
    return row


def _frame(*rows):
    return pl.DataFrame(list(rows), schema=FRAME_SCHEMA)


def _batch(user):
    return SourceBatch.objects.create(source="uji", region_id="33.28", created_by=user, created_at=timezone.now())


def test_creates_then_reimport_is_unchanged(tegal_operator):
    frame = _frame(_row("3328015203900001", "Siti Aminah"), _row("3328011507850002", "Slamet", sex="M"))
    first = workers_bulk_upsert(actor=tegal_operator, batch=_batch(tegal_operator), frame=frame)
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    again = workers_bulk_upsert(actor=tegal_operator, batch=_batch(tegal_operator), frame=frame)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Worker.objects.count() == 2
    siti = Worker.objects.get(nik="3328015203900001")
    assert (siti.birth_date, siti.income, siti.decile, siti.village_id) == (
        date(1990, 3, 12),
        Decimal(1_500_000),
        3,
        VILLAGE,
    )


def test_changed_fields_update_and_keep_history(tegal_operator):
    workers_bulk_upsert(
        actor=tegal_operator, batch=_batch(tegal_operator), frame=_frame(_row("3328015203900001", "Siti Aminah"))
    )
    changed = _frame(_row("3328015203900001", "Siti Aminah", income=2_000_000, phone="081399990000"))
    result = workers_bulk_upsert(actor=tegal_operator, batch=_batch(tegal_operator), frame=changed)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    worker = Worker.objects.get(nik="3328015203900001")
    assert (worker.income, worker.phone) == (Decimal(2_000_000), "081399990000")
    history = WorkerChange.objects.get(worker=worker)
    assert history.before["income"] == 1_500_000
    assert history.before["phone"] == "081234567890"
    assert history.actor == tegal_operator


def test_blank_cells_never_wipe_known_values(tegal_operator):
    """Issue 8, finding 2: a later file with blank cells left an income of 2,000,000 empty."""
    known = _row("3328015203900001", "Siti Aminah", income=2_000_000)
    workers_bulk_upsert(actor=tegal_operator, batch=_batch(tegal_operator), frame=_frame(known))
    blanks = {"income": None, "phone": "", "address": "", "birth_place": "", "decile": None, "birth_date": None}
    blank = _row("3328015203900001", "Siti Aminah", occupation_id=None, occupation_text="", **blanks)
    result = workers_bulk_upsert(actor=tegal_operator, batch=_batch(tegal_operator), frame=_frame(blank))
    assert (result.updated, result.unchanged) == (0, 1)
    worker = Worker.objects.get()
    assert (worker.income, worker.phone, worker.address, worker.birth_place, worker.decile) == (
        Decimal(2_000_000),
        "081234567890",
        "RT 01/RW 02",
        "Tegal",
        3,
    )
    assert (worker.birth_date, worker.occupation_id, worker.occupation_text) == (date(1990, 3, 12), "petani", "Petani")
    # No value changed: the history only records that the batch listed the worker (issue 9, finding 4).
    assert list(WorkerChange.objects.values_list("before", flat=True)) == [{}]
    # An explicit correction still wins, and a blank beside it keeps its old value.
    fix = _row(
        "3328015203900001", "Siti Aminah", income=1_750_000, phone="", occupation_id=None, occupation_text="Nelayan"
    )
    result = workers_bulk_upsert(actor=tegal_operator, batch=_batch(tegal_operator), frame=_frame(fix))
    assert result.updated == 1
    worker.refresh_from_db()
    assert (worker.income, worker.phone) == (Decimal(1_750_000), "081234567890")
    # A written occupation replaces the old one as a pair: no catalogue code left beside another text.
    assert (worker.occupation_id, worker.occupation_text) == (None, "Nelayan")


def test_similar_names_same_birth_and_village_are_queued_not_merged(tegal_operator):
    frame = _frame(
        _row("3328015203900001", "Siti Aminah"),
        _row("3328015203900002", "SITI  AMINAH"),
        _row("3328015203900003", "Budi Santoso"),
    )
    result = workers_bulk_upsert(actor=tegal_operator, batch=_batch(tegal_operator), frame=frame)
    assert result.created == 3
    assert result.possible_duplicates == 1
    pair = PossibleDuplicate.objects.get()
    assert {pair.worker.nik, pair.other.nik} == {"3328015203900001", "3328015203900002"}
    assert Worker.objects.count() == 3


def test_null_values_round_trip(tegal_operator):
    frame = _frame(
        _row("3328015203900001", "Siti Aminah", birth_date=None, income=None, decile=None, occupation_id=None)
    )
    workers_bulk_upsert(actor=tegal_operator, batch=_batch(tegal_operator), frame=frame)
    again = workers_bulk_upsert(actor=tegal_operator, batch=_batch(tegal_operator), frame=frame)
    assert again.unchanged == 1
    worker = Worker.objects.get()
    assert (worker.birth_date, worker.income, worker.decile, worker.occupation_id) == (None, None, None, None)


PEOPLE = [
    # NIK suffix, name, birth date, village
    ("01", "Siti Aminah", date(1990, 3, 12), VILLAGE),
    ("02", "Aminah Siti", date(1990, 3, 12), VILLAGE),  # words swapped
    ("03", "Siti Amniah", date(1990, 3, 12), VILLAGE),  # a typo
    ("04", "Sitti Aminah", date(1990, 3, 12), VILLAGE),  # another spelling, first word
    ("05", "Budi Santoso", date(1990, 3, 12), VILLAGE),  # someone else
    ("06", "Siti Aminah", date(1990, 3, 13), VILLAGE),  # other birth date
    ("07", "Siti Aminah", date(1990, 3, 12), "33.28.01.2002"),  # other village
    ("08", "Siti Aminah", None, VILLAGE),  # no birth date: never compared
    ("11", "Djoko Susilo", date(1990, 3, 12), VILLAGE),
    ("12", "Joko Soesilo", date(1990, 3, 12), VILLAGE),  # old spelling: another first letter
]


def test_possible_duplicates_by_name_words_and_spelling(tegal_operator):
    frame = _frame(*(_row(f"33280152039000{s}", n, birth_date=b, village_id=v) for s, n, b, v in PEOPLE))
    workers_bulk_upsert(actor=tegal_operator, batch=_batch(tegal_operator), frame=frame)
    found = {
        (p.worker.nik[-2:], p.other.nik[-2:]): (float(p.score), p.reason.split(";")[0])
        for p in PossibleDuplicate.objects.select_related("worker", "other")
    }
    assert found == {
        ("01", "02"): (0.97, "nama sama, urutan kata berbeda"),
        ("01", "03"): (0.909, "nama sangat mirip"),
        ("01", "04"): (0.95, "nama sama, ejaan berbeda"),
        ("02", "03"): (0.9, "nama sangat mirip"),
        ("02", "04"): (0.95, "nama sama, ejaan berbeda"),
        ("03", "04"): (0.9, "nama sangat mirip"),
        ("11", "12"): (0.95, "nama sama, ejaan berbeda"),
    }
    assert all(p.reason.endswith("tanggal lahir dan desa sama") for p in PossibleDuplicate.objects.all())


def test_few_rows_against_a_big_registry_are_looked_up_by_index(tegal_operator):
    from django.db import connection

    from jaring.registry.bulk import WORKER_TABLE, _probe_by_index

    many = [_row(f"3328015203{9100 + i:06d}", f"Pekerja {i}") for i in range(40)]
    workers_bulk_upsert(actor=tegal_operator, batch=_batch(tegal_operator), frame=_frame(*many))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {WORKER_TABLE}")
    # On PostgreSQL two NIKs against an analyzed registry of 40 take the index path; SQLite always does.
    assert _probe_by_index(WORKER_TABLE, 2) is (connection.vendor == "postgresql")
    frame = _frame(_row("3328015203009100", "Pekerja 0", phone="0899"), _row("3328015203900077", "Baru"))
    result = workers_bulk_upsert(actor=tegal_operator, batch=_batch(tegal_operator), frame=frame)
    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
    assert Worker.objects.get(nik="3328015203009100").phone == "0899"
