"""The BPJS exchange pages end to end: the registration file and BPJS's answer as durable jobs."""

from __future__ import annotations

import stat

import fastexcel
import pytest

from jaring.audit.models import AuditEvent
from jaring.enrolment.exchange_jobs import result_path
from jaring.enrolment.models import ExchangeJob, ExchangeLayout, Membership, Status
from jaring.jobs.models import JobStatus
from jaring.jobs.worker import jobs_run_pending

pytestmark = pytest.mark.django_db


def _upload(client, programme, text: str, name: str = "jawaban.csv") -> ExchangeJob:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(f"/program/{programme.pk}/bpjs/jawaban/", {"file": SimpleUploadedFile(name, text.encode())})
    job = ExchangeJob.objects.latest("created_at")
    assert response.status_code == 302
    assert response["Location"] == f"/program/{programme.pk}/bpjs/tugas/{job.pk}/"
    jobs_run_pending()
    job.refresh_from_db()
    return job


def test_registration_file_as_a_job_owner_only_and_downloadable_by_the_operator(cohort, tegal_operator, client_for):
    programme, _ = cohort
    client = client_for(tegal_operator)
    assert client.post(f"/program/{programme.pk}/bpjs/ekspor/").status_code == 302
    jobs_run_pending()
    job = ExchangeJob.objects.get(kind="export")
    assert job.status == JobStatus.DONE
    assert job.summary == {"rows": 3}
    assert stat.S_IMODE(result_path(job).stat().st_mode) == 0o600
    assert Membership.objects.filter(programme=programme, status=Status.SUBMITTED).count() == 3
    page = client.get(f"/program/{programme.pk}/bpjs/tugas/{job.pk}/").content.decode()
    assert "Berkas pendaftaran selesai: 3 pekerja." in page
    download = client.get(f"/program/{programme.pk}/bpjs/tugas/{job.pk}/unduh/")
    assert download.status_code == 200
    assert AuditEvent.objects.filter(action="cohort.export.download").count() == 1


def test_auditor_sees_the_job_but_may_not_take_the_file(cohort, tegal_operator, auditor, client_for):
    programme, _ = cohort
    client_for(tegal_operator).post(f"/program/{programme.pk}/bpjs/ekspor/")
    jobs_run_pending()
    job = ExchangeJob.objects.get()
    viewer = client_for(auditor)
    assert viewer.get(f"/program/{programme.pk}/bpjs/tugas/{job.pk}/").status_code == 200
    assert viewer.get(f"/program/{programme.pk}/bpjs/tugas/{job.pk}/unduh/").status_code == 403
    assert viewer.post(f"/program/{programme.pk}/bpjs/ekspor/").status_code == 403


def test_answer_upload_applies_and_shows_counts_and_unknown_rows(cohort, tegal_operator, client_for):
    programme, _ = cohort
    niks = sorted(Membership.objects.filter(programme=programme).values_list("worker__nik", flat=True))
    text = (
        "NIK;Nama;Status;Keterangan;KPJ\n"
        f"{niks[0]};A;Y;;12345678901\n{niks[1]};B;T;NIK tidak terdaftar di Dukcapil;\n"
        "3328015203909999;C;Y;;\n"
    )
    client = client_for(tegal_operator)
    job = _upload(client, programme, text)
    assert job.status == JobStatus.DONE
    s = job.summary
    assert (s["rows"], s["accepted"], s["rejected"], s["unknown"], s["unchanged"], s["applied"]) == (
        3,
        1,
        1,
        1,
        0,
        True,
    )
    page = client.get(f"/program/{programme.pk}/bpjs/tugas/{job.pk}/").content.decode()
    assert "Jawaban BPJS diterapkan." in page
    assert "NIK tidak ada dalam kohort program ini." in page
    assert Membership.objects.get(programme=programme, worker__nik=niks[1]).reason == (
        "Ditolak BPJS: NIK tidak terdaftar di Dukcapil"
    )
    problems = fastexcel.read_excel(str(result_path(job))).load_sheet(0).to_polars()
    assert problems.columns == ["Baris", "Kode", "Masalah"]
    assert problems.height == 1
    assert not list(result_path(job).parent.glob("unggahan.*"))  # the upload is gone once applied


def test_a_malformed_answer_is_refused_whole_and_changes_nothing(cohort, tegal_operator, client_for):
    programme, _ = cohort
    niks = sorted(Membership.objects.filter(programme=programme).values_list("worker__nik", flat=True))
    job = _upload(
        client_for(tegal_operator), programme, f"NIK;Nama;Status\n{niks[0]};A;Y\n12345;B;Y\n{niks[1]};C;MUNGKIN\n"
    )
    assert job.status == JobStatus.DONE, job.error
    assert job.summary["applied"] is False
    assert job.summary["problem_count"] == 2
    page = client_for(tegal_operator).get(f"/program/{programme.pk}/bpjs/tugas/{job.pk}/").content.decode()
    assert "DITOLAK seluruhnya, tidak ada yang diubah." in page
    assert "NIK harus 16 digit angka." in page
    assert "Status harus Y (diterima) atau T (ditolak)." in page
    assert not Membership.objects.filter(programme=programme, status=Status.ACTIVE).exists()


def test_answer_of_another_format_is_refused_before_a_job(cohort, tegal_operator, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    programme, _ = cohort
    response = client_for(tegal_operator).post(
        f"/program/{programme.pk}/bpjs/jawaban/", {"file": SimpleUploadedFile("jawaban.pdf", b"%PDF")}, follow=True
    )
    assert not ExchangeJob.objects.exists()
    assert ".pdf" in response.content.decode()


def test_layout_is_edited_by_the_regions_admin_only(cohort, tegal_admin, tegal_operator, client_for):
    programme, _ = cohort
    url = f"/program/{programme.pk}/bpjs/tata-letak/"
    assert client_for(tegal_operator).get(url).status_code == 403
    admin = client_for(tegal_admin)
    assert admin.get(url).status_code == 200
    form = {"use_nik": "on", "header_nik": "NOMOR INDUK", "order_nik": "2", "use_name": "on", "header_name": "NAMA",
            "order_name": "1"}  # fmt: skip
    assert admin.post(url, form).status_code == 302
    assert ExchangeLayout.objects.get(region_id="33.28").columns == [
        {"field": "name", "header": "NAMA"},
        {"field": "nik", "header": "NOMOR INDUK"},
    ]
    assert AuditEvent.objects.filter(action="exchange.layout").count() == 1
    refused = admin.post(url, {"use_name": "on", "header_name": "NAMA"})
    assert refused.status_code == 200
    assert "Kolom NIK wajib ada dalam berkas." in refused.content.decode()
    page = admin.get(f"/program/{programme.pk}/bpjs/").content.decode()
    assert "NOMOR INDUK" in page
    assert "Ubah tata letak" in page
