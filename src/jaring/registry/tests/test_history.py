"""Issue 9, finding 3: a worker's history reads as a before → after table in Indonesian."""

from __future__ import annotations

import re
import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jaring.registry.bulk import workers_bulk_upsert
from jaring.registry.models import SourceBatch, Worker
from jaring.registry.services import WorkerInput, worker_register, worker_update
from jaring.registry.tests.test_bulk import _frame, _row

pytestmark = pytest.mark.django_db


def _rows(html: str) -> list[str]:
    """The before → after rows of the history, as "label | before | after"."""
    table = html.split('id="riwayat"')[1]
    cells = re.findall(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td><td>(.*?)</td>', table)
    return [" | ".join(c) for c in cells]


def test_an_edit_reads_as_labelled_formatted_before_and_after(client_for, tegal_operator):
    worker = worker_register(
        actor=tegal_operator,
        data=WorkerInput(
            nik="3328015203900001", name="Siti Aminah", sex="F", village_code="33.28.01.2001", income=Decimal(1_500_000)
        ),
    )
    worker_update(
        actor=tegal_operator,
        worker=worker,
        changes={"income": 2_000_000, "birth_date": date(1990, 3, 13), "village_code": "33.28.01.2002"},
    )
    html = client_for(tegal_operator).get(f"/pekerja/{worker.pk}/").content.decode()
    assert _rows(html) == [
        "Tanggal lahir | 12/03/1990 | 13/03/1990",
        "Desa/Kelurahan | Desa Prupuk Selatan | Desa Kaligayam",
        "Penghasilan per bulan | Rp 1.500.000 | Rp 2.000.000",
    ]
    assert "Siti Rahmawati" in html  # who, by name
    assert f"{timezone.localtime():%d/%m/%Y}" in html
    for internal in ("name_key", "search_name", "village_id", "{'", "1500000"):
        assert internal not in html


def test_an_import_change_names_its_batch_and_links_its_job(client_for, tegal_operator):
    first = SourceBatch.objects.create(source="Musdes", region_id="33.28", created_at=timezone.now())
    workers_bulk_upsert(actor=tegal_operator, batch=first, frame=_frame(_row("3328015203900001", "Siti Aminah")))
    job_id = uuid.uuid4()
    second = SourceBatch.objects.create(
        source="DTKS 2026", file_name="dtks-margasari.xlsx", region_id="33.28", created_at=timezone.now(), job_id=job_id
    )
    changed = _row("3328015203900001", "Siti Aminah", sex="M", occupation_id="nelayan", occupation_text="Nelayan")
    workers_bulk_upsert(actor=tegal_operator, batch=second, frame=_frame(changed))
    worker = Worker.objects.get()
    html = client_for(tegal_operator).get(f"/pekerja/{worker.pk}/").content.decode()
    assert _rows(html) == [
        "Jenis kelamin | Perempuan | Laki-laki",
        "Pekerjaan | Petani/Pekebun | Nelayan/Perikanan",
        "Pekerjaan (tertulis) | Petani | Nelayan",
    ]
    assert f'href="/impor/{job_id}/">DTKS 2026 · dtks-margasari.xlsx</a>' in html
    assert "name_key" not in html


def test_the_history_costs_a_fixed_number_of_queries(client_for, tegal_operator):
    worker = worker_register(
        actor=tegal_operator,
        data=WorkerInput(nik="3328015203900001", name="Siti", sex="F", village_code="33.28.01.2001"),
    )
    client = client_for(tegal_operator)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/pekerja/{worker.pk}/").status_code == 200
        return len(captured)

    worker_update(actor=tegal_operator, worker=worker, changes={"phone": "0811"})
    one = queries()
    for n in range(10):
        worker_update(actor=tegal_operator, worker=worker, changes={"phone": f"08{n}", "village_code": "33.28.01.2002"})
    assert queries() == one
