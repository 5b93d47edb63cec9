"""Issue 9, finding 4: a worker keeps the source it was first recorded from; each later batch that lists it
is in its history, with its changes or as "no change"."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from jaring.registry.bulk import workers_bulk_upsert
from jaring.registry.models import SourceBatch, Worker, WorkerChange
from jaring.registry.tests.test_bulk import _frame, _row

pytestmark = pytest.mark.django_db
NIK = "3328015203900001"


def _import(actor, source: str, **changes):
    batch = SourceBatch.objects.create(
        source=source, file_name=f"{source}.xlsx", region_id="33.28", created_by=actor, created_at=timezone.now()
    )
    result = workers_bulk_upsert(
        actor=actor, batch=batch, frame=_frame(_row(NIK, "Siti Aminah", source=source, **changes))
    )
    return batch, result


def test_a_reimport_under_another_source_keeps_the_first_and_records_the_batch(tegal_operator):
    first, _ = _import(tegal_operator, "Musdes 2026")
    later, result = _import(tegal_operator, "dtks-2026")
    assert (result.updated, result.unchanged) == (0, 1)
    worker = Worker.objects.get()
    assert (worker.source, worker.batch_id) == ("Musdes 2026", first.pk)
    seen = WorkerChange.objects.get(worker=worker)
    assert (seen.batch_id, seen.actor_id, seen.before) == (later.pk, tegal_operator.pk, {})


def test_changes_of_a_later_batch_are_attributed_to_it_and_the_source_stays(tegal_operator):
    _import(tegal_operator, "Musdes 2026")
    later, result = _import(tegal_operator, "dtks-2026", phone="081399990000")
    assert result.updated == 1
    worker = Worker.objects.get()
    assert (worker.source, worker.phone) == ("Musdes 2026", "081399990000")
    change = WorkerChange.objects.get(worker=worker)
    assert change.batch_id == later.pk
    assert change.before["phone"] == "081234567890"


def test_a_first_import_writes_no_history(tegal_operator):
    _import(tegal_operator, "Musdes 2026")
    assert not WorkerChange.objects.exists()


def test_the_worker_page_lists_each_batch(client_for, tegal_operator):
    _import(tegal_operator, "Musdes 2026")
    _import(tegal_operator, "dtks-2026")
    _import(tegal_operator, "p3ke-2026", phone="081399990000")
    html = client_for(tegal_operator).get(f"/pekerja/{Worker.objects.get().pk}/").content.decode()
    history = html.split('id="riwayat"')[1]
    assert "Tercantum di impor ini, tanpa perubahan" in history
    assert "dtks-2026 · dtks-2026.xlsx" in history
    assert "p3ke-2026 · p3ke-2026.xlsx" in history
    assert "081234567890</td><td>081399990000" in history
    assert "Musdes 2026" not in history  # the first batch is the record's own source, shown above


def test_the_source_file_is_not_shown_beside_another_batch_s_source(client_for, tegal_operator):
    _import(tegal_operator, "Musdes 2026")
    _import(tegal_operator, "p3ke-2026", phone="081399990000")
    html = client_for(tegal_operator).get(f"/pekerja/{Worker.objects.get().pk}/").content.decode()
    record = html.split('id="riwayat"')[0]
    assert "Musdes 2026" in record
    assert "p3ke-2026" not in record


def test_a_worker_changed_by_a_later_batch_is_still_checked_for_duplicates(tegal_operator):
    batch = SourceBatch.objects.create(source="Musdes", region_id="33.28", created_at=timezone.now())
    frame = _frame(_row(NIK, "Siti Aminah"), _row("3328015203900002", "Siti Aminah", birth_date=date(1991, 1, 1)))
    assert workers_bulk_upsert(actor=tegal_operator, batch=batch, frame=frame).possible_duplicates == 0
    # A later file corrects the second one's birth date to the first one's: now they look like one person.
    later = SourceBatch.objects.create(source="DTKS", region_id="33.28", created_at=timezone.now())
    fixed = _frame(_row("3328015203900002", "Siti Aminah", birth_date=date(1990, 3, 12)))
    assert workers_bulk_upsert(actor=tegal_operator, batch=later, frame=fixed).possible_duplicates == 1
