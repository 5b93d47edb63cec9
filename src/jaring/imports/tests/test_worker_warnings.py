"""Issue 9, finding 2: a warning an import raised on a kept row stays visible on the worker, until a later
import of the worker no longer raises it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jaring.imports.services import import_workers
from jaring.registry.models import SourceBatch, Worker, WorkerWarning

pytestmark = pytest.mark.django_db

HEADER = "NIK;Nama;JK;Tgl Lahir;Desa;Kecamatan\n"
# The NIK's day 52 says female (40 added to the day of birth); the sex column says male.
WATI = "3328015203900004;Wati;{sex};12/03/1990;Prupuk Selatan;Margasari"
BUDI = "3328011507850002;Budi;L;15/07/1985;Prupuk Selatan;Margasari"


def _import(tmp_path: Path, actor, lines: list[str], **kwargs):
    path = tmp_path / "desa.csv"
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return import_workers(
        actor=actor, path=path, scope_code=actor.region_id, source="Musdes", original_name="desa.csv", **kwargs
    )


def test_a_warned_row_marks_its_worker_with_the_reason_and_batch(tmp_path, client_for, tegal_operator):
    _import(tmp_path, tegal_operator, [WATI.format(sex="L"), BUDI])
    wati = Worker.objects.get(nik="3328015203900004")
    warning = WorkerWarning.objects.get()
    assert (warning.worker_id, warning.code, warning.resolved_at) == (wati.pk, "SEX.NIK_MISMATCH", None)
    assert warning.reason == "Jenis kelamin berbeda dengan yang tersirat di NIK; data tetap diterima."
    assert warning.batch == SourceBatch.objects.get()

    client = client_for(tegal_operator)
    html = client.get(f"/pekerja/{wati.pk}/").content.decode()
    assert "Peringatan dari impor" in html
    assert "Jenis kelamin berbeda dengan yang tersirat di NIK" in html
    budi = Worker.objects.get(nik="3328011507850002")
    assert "Peringatan dari impor" not in client.get(f"/pekerja/{budi.pk}/").content.decode()

    listing = client.get("/pekerja/").content.decode()
    assert listing.count('class="warn-mark"') == 1
    row = next(line for line in listing.splitlines() if "Wati" in line)
    assert 'class="warn-mark"' in row


def test_a_later_import_without_the_warning_resolves_it(tmp_path, tegal_operator):
    _import(tmp_path, tegal_operator, [WATI.format(sex="L")])
    _import(tmp_path, tegal_operator, [WATI.format(sex="P")])
    warning = WorkerWarning.objects.get()
    assert warning.resolved_at is not None
    # Raised again by a third file: open again, once.
    _import(tmp_path, tegal_operator, [WATI.format(sex="L")])
    assert WorkerWarning.objects.filter(resolved_at__isnull=True).count() == 1


def test_a_dry_run_and_another_regions_import_store_no_warning(tmp_path, tegal_operator, bekasi_operator):
    _import(tmp_path, tegal_operator, [WATI.format(sex="L")], dry_run=True)
    assert not WorkerWarning.objects.exists()
    _import(tmp_path, tegal_operator, [WATI.format(sex="P")])
    # Bekasi's file names Tegal's worker: rejected as out of scope, so it neither adds nor resolves a warning.
    _import(tmp_path, bekasi_operator, [WATI.format(sex="L").replace("Prupuk Selatan;Margasari", ";")])
    assert not WorkerWarning.objects.exists()


def test_the_list_marker_costs_one_query_per_page(tmp_path, client_for, tegal_operator):
    client = client_for(tegal_operator)
    _import(tmp_path, tegal_operator, [WATI.format(sex="L")])
    with CaptureQueriesContext(connection) as few:
        client.get("/pekerja/")
    lines = [f"33280117089{i:05d};Pekerja {chr(55 + i)};P;17/08/1990;Prupuk Selatan;Margasari" for i in range(10, 36)]
    summary = _import(tmp_path, tegal_operator, lines)
    assert WorkerWarning.objects.count() > 1, summary
    with CaptureQueriesContext(connection) as many:
        client.get("/pekerja/")
    assert len(many) == len(few)
