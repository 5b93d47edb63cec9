"""The Django side of imports: commit, strict, dry run, idempotence, scoping, jobs, pages and API."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jaring.accounts.services import api_token_create
from jaring.audit.models import AuditEvent
from jaring.imports import jobs
from jaring.imports.models import ImportJob, JobStatus
from jaring.imports.services import import_workers
from jaring.jobs.worker import jobs_run_pending
from jaring.registry.models import Worker

pytestmark = pytest.mark.django_db

HEADER = "NIK;Nama;JK;Tgl Lahir;Desa;Kecamatan;Pekerjaan;Penghasilan\n"
GOOD = [
    "3328015203900001;Siti Aminah;P;12/03/1990;Prupuk Selatan;Margasari;Petani;Rp 1.500.000",
    "'3328011507850002;slamet  riyadi;L;15-07-1985;Prupuk Selatan;Margasari;buruh tani;800000",
]
BAD = [
    "332801520390001;Nama Pendek NIK;P;12/03/1990;Prupuk Selatan;Margasari;Petani;0",
    "3328015203900003;Sri Rahayu;P;12/03/1990;Desa Atlantis;Margasari;Petani;0",
]


def _csv(tmp_path: Path, lines: list[str], name: str = "desa.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(tmp_path, actor, lines, **kwargs):
    return import_workers(
        actor=actor,
        path=_csv(tmp_path, lines),
        scope_code=actor.region_id,
        source="uji",
        report_path=tmp_path / "laporan.xlsx",
        **kwargs,
    )


def test_commits_valid_rows_and_reports_rejected(tmp_path, tegal_operator):
    summary = _run(tmp_path, tegal_operator, GOOD + BAD)
    assert (summary.rows, summary.created, summary.rejected) == (4, 2, 2)
    assert summary.errors_by_rule == {"NIK.LENGTH": 1, "VILLAGE.UNKNOWN": 1}
    assert Path(summary.report or "").exists()
    slamet = Worker.objects.get(nik="3328011507850002")
    assert (slamet.name, slamet.sex, slamet.occupation_id, slamet.income) == (
        "Slamet Riyadi",
        "M",
        "buruh-tani",
        Decimal(800000),
    )
    assert slamet.village_id == "33.28.01.2001"
    assert AuditEvent.objects.filter(action="workers.import").count() == 1


def test_reimport_creates_nothing(tmp_path, tegal_operator):
    _run(tmp_path, tegal_operator, GOOD)
    again = _run(tmp_path, tegal_operator, GOOD)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Worker.objects.count() == 2


@pytest.mark.parametrize(("flags", "expected_created"), [({"strict": True}, 2), ({"dry_run": True}, 2)])
def test_strict_and_dry_run_leave_the_database_untouched(tmp_path, tegal_operator, flags, expected_created):
    lines = GOOD + BAD if flags.get("strict") else GOOD
    summary = _run(tmp_path, tegal_operator, lines, **flags)
    assert summary.created == expected_created  # what it would have done
    assert summary.committed is False
    assert Worker.objects.count() == 0
    assert not AuditEvent.objects.filter(action="workers.import").exists()


def test_strict_without_rejections_commits(tmp_path, tegal_operator):
    summary = _run(tmp_path, tegal_operator, GOOD, strict=True)
    assert summary.committed is True
    assert Worker.objects.count() == 2


def test_village_operator_cannot_import_outside_their_village(tmp_path, village_operator):
    lines = [*GOOD, "3328015203900004;Tetangga;P;12/03/1990;Kaligayam;Margasari;Petani;0"]
    summary = _run(tmp_path, village_operator, lines)
    assert summary.created == 2
    assert "VILLAGE" in " ".join(summary.errors_by_rule)
    assert not Worker.objects.filter(nik="3328015203900004").exists()


def test_bekasi_operator_cannot_place_workers_in_tegal(tmp_path, bekasi_operator):
    summary = _run(tmp_path, bekasi_operator, ["3328015203900001;Siti;P;12/03/1990;;;Petani;0"])
    assert summary.created == 0
    assert Worker.objects.count() == 0


def test_json_has_the_exact_keys(tmp_path, tegal_operator):
    data = _run(tmp_path, tegal_operator, GOOD).as_json()
    assert list(data) == [
        "rows",
        "created",
        "updated",
        "unchanged",
        "rejected",
        "duplicates_in_file",
        "possible_duplicates",
        "warnings",
        "errors_by_rule",
        "report",
        "seconds",
        "committed",
        "move_requests",
        "duplicate_check_skipped",
        "skipped_footer_rows",
    ]


def _upload(lines: list[str], name: str = "desa.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (HEADER + "\n".join(lines) + "\n").encode(), content_type="text/csv")


@pytest.fixture
def private_var(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def test_upload_page_runs_job_and_offers_report(client_for, tegal_operator, private_var):
    client = client_for(tegal_operator)
    response = client.post("/impor/", {"file": _upload(GOOD + BAD), "source": "Musdes"})
    job = ImportJob.objects.get()
    assert job.status == JobStatus.QUEUED
    assert "Menunggu giliran" in client.get(f"/impor/{job.pk}/").content.decode()
    jobs_run_pending()
    job.refresh_from_db()
    assert response.headers["Location"] == f"/impor/{job.pk}/"
    assert job.status == JobStatus.DONE
    html = client.get(f"/impor/{job.pk}/").content.decode()
    assert "Impor selesai" in html
    assert "VILLAGE.UNKNOWN" in html
    report = client.get(f"/impor/{job.pk}/laporan/")
    assert report.status_code == 200
    assert b"".join(report.streaming_content)[:2] == b"PK"
    assert not list(jobs.job_dir(str(job.pk)).glob("unggahan.*")), "the upload with personal data is removed"


def test_upload_refuses_other_file_types(client_for, tegal_operator, private_var):
    response = client_for(tegal_operator).post("/impor/", {"file": SimpleUploadedFile("x.pdf", b"%PDF")})
    assert "tidak dapat diimpor. Buka berkasnya di Excel atau LibreOffice" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_api_import_and_status(tegal_operator, bekasi_operator, private_var):
    token = api_token_create(user=tegal_operator, name="t").plaintext
    client = Client(headers={"Authorization": f"Bearer {token}"})
    response = client.post("/api/v1/imports", {"file": _upload(GOOD[:1]), "source": "api"})
    assert response.status_code == 202
    assert response.json()["status"] == "queued"
    jobs_run_pending()
    job_id = response.json()["id"]
    status = client.get(f"/api/v1/imports/{job_id}").json()
    assert status["status"] == "done"
    assert status["summary"]["created"] == 1
    outsider = Client(headers={"Authorization": f"Bearer {api_token_create(user=bekasi_operator, name='t').plaintext}"})
    assert outsider.get(f"/api/v1/imports/{job_id}").status_code == 404


def test_template_download(client_for, tegal_operator):
    response = client_for(tegal_operator).get("/impor/templat/")
    assert response.status_code == 200
    assert response.content[:2] == b"PK"


def test_blank_income_in_a_later_file_keeps_the_known_income(tmp_path, tegal_operator):
    """Issue 8, finding 2, through the whole import: a blank cell is not a correction."""
    row = "3328015203900001;Siti Aminah;P;12/03/1990;Prupuk Selatan;Margasari"
    _run(tmp_path, tegal_operator, [f"{row};Petani;2000000"])
    again = _run(tmp_path, tegal_operator, [f"{row};;"])
    assert (again.updated, again.unchanged) == (0, 1)
    siti = Worker.objects.get()
    assert (siti.income, siti.occupation_id) == (Decimal(2_000_000), "petani")
