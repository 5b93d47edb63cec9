"""Issue 9, finding 4: a worker keeps the source it was first recorded from; each later batch that lists it
is in its history, with its changes or as "no change"."""

from __future__ import annotations

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
    first, _ = _import(tegal_operator, "Musdes 2026")
    later, result = _import(tegal_operator, "dtks-2026", phone="081399990000")
    assert result.updated == 1
    worker = Worker.objects.get()
    assert (worker.source, worker.batch_id, worker.phone) == ("Musdes 2026", first.pk, "081399990000")
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
    assert '081234567890</td><td>081399990000' in history
    assert "Musdes 2026" not in history  # the first batch is the record's own source, shown above
