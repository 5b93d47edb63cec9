"""Exporting the worker list (issue 9): every selected row, scoped, masked, guarded, capped and audited."""

from __future__ import annotations

import stat
import zipfile
from datetime import date

import fastexcel
import polars as pl
import pytest

from jaring.audit.models import AuditEvent
from jaring.jobs.models import JobStatus
from jaring.jobs.worker import jobs_run_pending
from jaring.registry.export import export_path
from jaring.registry.models import WorkerExport
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db


def _register(actor, nik: str, name: str, village: str = "33.28.01.2001", **extra):
    return worker_register(actor=actor, data=WorkerInput(nik=nik, name=name, sex="F", village_code=village, **extra))


def _export(client, **form) -> WorkerExport:
    response = client.post("/pekerja/ekspor/", form)
    assert response.status_code == 302, response.content
    jobs_run_pending()
    job = WorkerExport.objects.latest("created_at")
    assert response["Location"] == f"/pekerja/ekspor/{job.pk}/"
    return job


def _sheet(job: WorkerExport) -> tuple[list[str], pl.DataFrame]:
    path = str(export_path(job))
    raw = fastexcel.read_excel(path).load_sheet(0, header_row=None, dtypes="string").to_polars()
    first = raw.get_column(raw.columns[0]).to_list()
    top = first.index("NIK")
    heading = [
        f"{a}: {b}" for a, b in zip(first[1:top], raw.get_column(raw.columns[1]).to_list()[1:top], strict=True) if a
    ]
    return heading, fastexcel.read_excel(path).load_sheet(0, header_row=top).to_polars()


def test_export_holds_every_page_of_the_filtered_list(client_for, tegal_operator):
    for i in range(1, 61):
        _register(tegal_operator, f"33280152039{i:05d}", f"Pekerja {i}")
    _register(tegal_operator, "3328025203900099", "Lain Kecamatan", village="33.28.02.2001")
    job = _export(client_for(tegal_operator), district="33.28.01")
    assert job.status == JobStatus.DONE, job.error
    heading, rows = _sheet(job)
    assert rows.height == 60
    assert "Lain Kecamatan" not in rows["Nama"].to_list()
    assert "Penyaring: Kecamatan Margasari" in heading
    assert any(line.startswith("Diekspor oleh: Siti Rahmawati (operator.tegal)") for line in heading)
    assert "Jumlah: 60 pekerja" in heading
    assert list(rows.columns[:3]) == ["NIK", "Nama", "L/P"]


def test_nik_is_masked_unless_full_nik_is_asked(client_for, auditor, tegal_operator):
    _register(tegal_operator, "3328015203900001", "Siti Aminah")
    _, masked = _sheet(_export(client_for(auditor)))
    assert masked["NIK"].to_list() == ["332801******0001"]
    _, full = _sheet(_export(client_for(auditor), full_nik="1"))
    assert full["NIK"].to_list() == ["3328015203900001"]


def test_cells_are_typed_and_formulas_are_neutralised(client_for, tegal_operator):
    _register(
        tegal_operator,
        "3328015203900001",
        "Siti Aminah",
        birth_date=date(1990, 3, 12),
        address='=HYPERLINK("http://contoh.invalid","klik")',
        income=1_500_000,
        source="@SUM(1+1)",
    )
    job = _export(client_for(tegal_operator))
    _, rows = _sheet(job)
    assert rows["Tanggal lahir"].cast(pl.Date).to_list() == [date(1990, 3, 12)]
    assert rows["Penghasilan per bulan (Rp)"].to_list() == [1_500_000]
    assert rows["Alamat"].to_list() == ['=HYPERLINK("http://contoh.invalid","klik")']
    with zipfile.ZipFile(export_path(job)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        styles = book.read("xl/styles.xml").decode()
    assert "<f>" not in sheet  # no formula anywhere
    assert 'quotePrefix="1"' in styles


def test_export_file_is_owner_only_and_only_its_exporter_downloads_it(
    client_for, tegal_operator, auditor, bekasi_operator
):
    _register(tegal_operator, "3328015203900001", "Siti Aminah")
    job = _export(client_for(tegal_operator))
    path = export_path(job)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    for other in (auditor, bekasi_operator):
        assert client_for(other).get(f"/pekerja/ekspor/{job.pk}/").status_code == 404
        assert client_for(other).get(f"/pekerja/ekspor/{job.pk}/unduh/").status_code == 404
    response = client_for(tegal_operator).get(f"/pekerja/ekspor/{job.pk}/unduh/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="daftar-pekerja-')
    assert AuditEvent.objects.filter(action="worker.export.download", actor=tegal_operator).count() == 1


def test_export_is_audited_with_its_filter_and_rows(client_for, tegal_operator):
    _register(tegal_operator, "3328015203900001", "Siti Aminah")
    _export(client_for(tegal_operator), q="3328015203900001", source="manual")
    event = AuditEvent.objects.get(action="worker.export")
    assert event.actor == tegal_operator
    assert event.summary == {
        "filters": {"q": "332801******0001", "source": "manual"},
        "rows": 1,
        "full_nik": False,
    }


def test_village_operator_exports_only_their_village(client_for, tegal_operator, village_operator):
    _register(tegal_operator, "3328015203900001", "Siti Aminah")
    _register(tegal_operator, "3328015203900002", "Desa Tetangga", village="33.28.01.2002")
    _, rows = _sheet(_export(client_for(village_operator), village="33.28.01.2002"))
    assert rows.height == 0
    _, rows = _sheet(_export(client_for(village_operator)))
    assert rows["Nama"].to_list() == ["Siti Aminah"]


def test_a_source_no_name_contains_exports_an_empty_list(client_for, tegal_operator):
    _register(tegal_operator, "3328015203900001", "Siti Aminah")
    job = _export(client_for(tegal_operator), source="tidak ada")
    assert job.status == JobStatus.DONE, job.error
    heading, rows = _sheet(job)
    assert rows.height == 0
    assert "Jumlah: 0 pekerja" in heading


def test_export_past_the_cap_is_refused_with_a_clear_message(client_for, tegal_operator, settings):
    settings.JARING_EXPORT_MAX_ROWS = 2
    for i in range(1, 4):
        _register(tegal_operator, f"33280152039{i:05d}", f"Pekerja {i}")
    job = _export(client_for(tegal_operator))
    assert job.status == JobStatus.FAILED
    assert "lebih dari 2 pekerja" in job.error
    assert not export_path(job).exists()
    html = client_for(tegal_operator).get(f"/pekerja/ekspor/{job.pk}/").content.decode()
    assert "Persempit penyaring" in html


def test_job_page_offers_the_download_when_done(client_for, tegal_operator):
    _register(tegal_operator, "3328015203900001", "Siti Aminah")
    job = _export(client_for(tegal_operator), district="33.28.01")
    html = client_for(tegal_operator).get(f"/pekerja/ekspor/{job.pk}/").content.decode()
    assert "Ekspor selesai: 1 pekerja." in html
    assert f"/pekerja/ekspor/{job.pk}/unduh/" in html
    assert "Kecamatan Margasari" in html


def test_list_page_offers_the_export_with_the_current_filter(client_for, tegal_operator, leader):
    html = client_for(tegal_operator).get("/pekerja/?district=33.28.01&source=musdes").content.decode()
    assert 'action="/pekerja/ekspor/"' in html
    assert '<input type="hidden" name="district" value="33.28.01">' in html
    assert '<input type="hidden" name="source" value="musdes">' in html
    assert client_for(leader).post("/pekerja/ekspor/", {}).status_code == 403
