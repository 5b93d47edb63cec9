"""Issue 9, finding 4 end to end: the same file uploaded twice with the default source (its file name)
keeps the source the worker was first recorded from, and the worker's page links the later import job."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jaring.imports.models import ImportJob
from jaring.jobs.worker import jobs_run_pending
from jaring.registry.models import Worker

pytestmark = pytest.mark.django_db

CSV = (
    "NIK;Nama;JK;Tgl Lahir;Desa;Kecamatan;Pekerjaan\n"
    "3328015203900001;Siti Aminah;P;12/03/1990;Prupuk Selatan;Margasari;Petani\n"
)


def _upload(client, name: str, source: str = "") -> ImportJob:
    client.post("/impor/", {"file": SimpleUploadedFile(name, CSV.encode(), content_type="text/csv"), "source": source})
    jobs_run_pending()
    return ImportJob.objects.get(original_name=name)


def test_a_second_upload_keeps_the_first_source_and_is_linked_in_the_history(
    client_for, tegal_operator, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    client = client_for(tegal_operator)
    _upload(client, "musdes.csv", source="Musdes Prupuk Selatan")
    later = _upload(client, "dtks-2026.csv")
    worker = Worker.objects.get()
    assert worker.source == "Musdes Prupuk Selatan"
    html = client.get(f"/pekerja/{worker.pk}/").content.decode()
    assert f'href="/impor/{later.pk}/"' in html
    assert "Tercantum di impor ini, tanpa perubahan" in html
