"""The import API: history scoped like the page, status without server paths, the report through the API."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from jaring.accounts.services import api_token_create
from jaring.imports.jobs import report_path
from jaring.imports.models import ImportJob, JobStatus

pytestmark = pytest.mark.django_db


def _api(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {api_token_create(user=user, name='t').plaintext}"})


def _job(user, region: str, name: str = "desa.xlsx", **extra) -> ImportJob:
    return ImportJob.objects.create(
        user=user, region_id=region, original_name=name, source="uji", created_at=timezone.now(), **extra
    )


@pytest.fixture
def finished_job(settings, tmp_path, tegal_operator) -> ImportJob:
    """A done job with a failure report on disk, as the job runner leaves it."""
    settings.VAR_DIR = tmp_path
    job = _job(tegal_operator, "33.28", status=JobStatus.DONE)
    path = report_path(job)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"PK\x03\x04 laporan")
    job.summary = {"rows": 2, "created": 1, "rejected": 1, "report": str(path), "committed": True}
    job.error = f"[Errno 2] No such file or directory: '{path.parent / 'unggahan.csv'}'"
    job.save()
    return job


def test_status_reveals_no_server_path(tegal_operator, finished_job, tmp_path):
    response = _api(tegal_operator).get(f"/api/v1/imports/{finished_job.pk}")
    body = response.json()
    assert response.status_code == 200
    assert str(tmp_path) not in response.content.decode()
    assert "report" not in body["summary"]
    assert body["summary"]["rejected"] == 1
    assert body["report_url"] == f"/api/v1/imports/{finished_job.pk}/report"


def test_report_downloads_with_a_token_inside_the_region_only(tegal_operator, bekasi_operator, finished_job):
    url = f"/api/v1/imports/{finished_job.pk}/report"
    response = _api(tegal_operator).get(url)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "laporan-gagal-desa.xlsx" in response.headers["Content-Disposition"]
    assert response.getvalue().startswith(b"PK")
    assert _api(bekasi_operator).get(url).status_code == 404


def test_history_is_scoped_newest_first_and_paged(tegal_operator, village_operator, bekasi_operator):
    _job(tegal_operator, "33.28", "kabupaten.xlsx")
    _job(village_operator, "33.28.01.2001", "desa.xlsx")
    _job(bekasi_operator, "32.16", "bekasi.xlsx")
    files = [j["file"] for j in _api(tegal_operator).get("/api/v1/imports").json()["items"]]
    assert files == ["desa.xlsx", "kabupaten.xlsx"]
    page = _api(tegal_operator).get("/api/v1/imports", {"page_size": 1, "page": 2}).json()
    assert (page["count"], page["pages"], [j["file"] for j in page["items"]]) == (2, 2, ["kabupaten.xlsx"])
    assert [j["file"] for j in _api(village_operator).get("/api/v1/imports").json()["items"]] == ["desa.xlsx"]
    assert [j["file"] for j in _api(bekasi_operator).get("/api/v1/imports").json()["items"]] == ["bekasi.xlsx"]


def test_history_hides_report_paths(tegal_operator, finished_job, tmp_path):
    response = _api(tegal_operator).get("/api/v1/imports")
    assert str(tmp_path) not in response.content.decode()
    assert response.json()["items"][0]["url"] == f"/api/v1/imports/{finished_job.pk}"
