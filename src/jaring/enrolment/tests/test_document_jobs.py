"""A long village list is rendered by the job worker, not in the request; its page offers the PDF when done."""

from __future__ import annotations

import io
import stat

import pytest
from pypdf import PdfReader

from jaring.audit.models import AuditEvent
from jaring.enrolment.document_jobs import document_path
from jaring.enrolment.models import DocumentJob
from jaring.enrolment.tests.test_documents import NEIGHBOUR, VILLAGE, make_programme, make_workers
from jaring.funding.models import Sponsor
from jaring.jobs.models import JobStatus
from jaring.jobs.worker import jobs_run_pending

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    # Three names is "long" here: the village has three, its neighbour two.
    settings.JARING_VILLAGE_LIST_JOB_NAMES = 2
    make_workers(3, VILLAGE)
    make_workers(2, NEIGHBOUR, first=201)
    return make_programme()


def _text(content: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


def _prepared(client, programme, village: str = VILLAGE) -> DocumentJob:
    start = client.post(f"/program/{programme.pk}/dokumen/desa/{village}/siapkan/")
    job = DocumentJob.objects.latest("created_at")
    assert start.status_code == 302
    assert start["Location"] == f"/program/{programme.pk}/dokumen/tugas/{job.pk}/"
    return job


def test_a_short_list_still_comes_at_once(programme, client_for, tegal_operator):
    response = client_for(tegal_operator).get(f"/program/{programme.pk}/dokumen/desa/{NEIGHBOUR}.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert not DocumentJob.objects.exists()


def test_a_long_list_is_queued_rendered_by_the_worker_and_downloaded(programme, client_for, tegal_operator):
    client = client_for(tegal_operator)
    page = client.get(f"/program/{programme.pk}/dokumen/desa/{VILLAGE}.pdf")
    assert page["Content-Type"].startswith("text/html")
    assert "Daftar ini memuat 3 nama." in page.content.decode()
    assert not DocumentJob.objects.exists()  # a GET starts nothing

    job = _prepared(client, programme)
    waiting = client.get(f"/program/{programme.pk}/dokumen/tugas/{job.pk}/").content.decode()
    assert "Menunggu giliran" in waiting
    assert "job-file" not in waiting
    jobs_run_pending()
    job.refresh_from_db()
    assert (job.status, job.summary["names"], job.full_nik) == (JobStatus.DONE, 3, True)
    assert stat.S_IMODE(document_path(job).stat().st_mode) == 0o600
    assert stat.S_IMODE(document_path(job).parent.stat().st_mode) == 0o700

    done = client.get(f"/program/{programme.pk}/dokumen/tugas/{job.pk}/").content.decode()
    assert "Daftar nama selesai disusun: 3 nama." in done
    download = client.get(f"/program/{programme.pk}/dokumen/tugas/{job.pk}/unduh/")
    assert download["Content-Disposition"] == f'attachment; filename="daftar-musyawarah-desa-{VILLAGE}.pdf"'
    text = _text(b"".join(download.streaming_content))
    assert "Siti Pekerja 003" in text
    assert "3328015203900001" in text
    events = AuditEvent.objects.filter(action__startswith="document.village_list").order_by("at")
    assert [(e.action, e.actor, e.summary["full_nik"]) for e in events] == [
        ("document.village_list.start", tegal_operator, True),
        ("document.village_list", tegal_operator, True),
    ]
    # The village page lists the job for the next visit.
    assert (
        f"/dokumen/tugas/{job.pk}/"
        in client.get(f"/program/{programme.pk}/dokumen/desa/{VILLAGE}.pdf").content.decode()
    )


def test_the_village_operator_gets_masked_niks_and_not_the_editors_list(
    programme, client_for, tegal_operator, village_operator
):
    editors = _prepared(client_for(tegal_operator), programme)
    village = client_for(village_operator)
    own = _prepared(village, programme)
    jobs_run_pending()
    assert own.full_nik is False
    text = _text(b"".join(village.get(f"/program/{programme.pk}/dokumen/tugas/{own.pk}/unduh/").streaming_content))
    assert "332801******0001" in text
    assert "3328015203900001" not in text
    # The editor's list holds full NIKs: the village operator may not even see that it exists.
    assert village.get(f"/program/{programme.pk}/dokumen/tugas/{editors.pk}/").status_code == 404
    assert village.get(f"/program/{programme.pk}/dokumen/tugas/{editors.pk}/unduh/").status_code == 404
    assert village.post(f"/program/{programme.pk}/dokumen/desa/{NEIGHBOUR}/siapkan/").status_code == 404


def test_other_roles_reach_the_job_as_they_reach_the_list(
    programme, client_for, tegal_operator, sponsor_user, leader, bekasi_operator
):
    Sponsor.objects.get(kind="csr").members.add(sponsor_user)
    job = _prepared(client_for(sponsor_user), programme)
    jobs_run_pending()
    url = f"/program/{programme.pk}/dokumen/tugas/{job.pk}/"
    assert client_for(sponsor_user).get(url).status_code == 200
    assert client_for(tegal_operator).get(url).status_code == 200  # masked: the editor may see it too
    assert client_for(leader).get(url).status_code == 403
    assert client_for(bekasi_operator).get(url).status_code == 404
    assert (
        client_for(bekasi_operator).post(f"/program/{programme.pk}/dokumen/desa/{VILLAGE}/siapkan/").status_code == 404
    )


def test_the_worker_checks_the_starters_rights_again(programme, client_for, tegal_operator):
    job = _prepared(client_for(tegal_operator), programme)
    tegal_operator.is_active = False
    tegal_operator.save(update_fields=["is_active"])
    jobs_run_pending()
    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, "Akun yang memulai tugas ini tidak aktif lagi.")
    assert not document_path(job).exists()
