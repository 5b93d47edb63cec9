"""A programme's plan, cohort, memberships and the BPJS files over the REST API, per role."""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jaring.accounts.services import api_token_create
from jaring.audit.models import AuditEvent
from jaring.enrolment.models import ExchangeJob, Membership, Status
from jaring.enrolment.services import EnrolmentRefused, cohort_enrol
from jaring.funding.models import Sponsor
from jaring.funding.services import ProgrammeInput, SponsorShare, programme_create
from jaring.jobs.worker import jobs_run_pending
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)
# Two workers in the village operator's own village (Prupuk Selatan), one in its neighbour.
OWN = ("3328015203900001", "3328015203900002")
OTHER = "3328015203900003"
LATE = "3328015203900004"  # registered after the cohort was built
BEKASI_NIK = "3216015203900001"
PER_WORKER_YEAR = 16_800 * 12


def api(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {api_token_create(user=user, name='t').plaintext}"})


def _register(user, nik: str, village: str):
    data = WorkerInput(nik=nik, name=f"Siti {nik[-1]}", sex="F", village_code=village, birth_date=date(1990, 3, 12))
    return worker_register(actor=user, data=data)


def _programme(name: str, region: str = "33.28", sponsors=(), **changes):
    values: dict[str, object] = {"region_code": region, "name": name, "segment": "bpu", "start": date(2027, 1, 1)}
    values |= {"months": 12, "sponsors": sponsors} | changes
    return programme_create(actor=None, inp=ProgrammeInput(**values), today=TODAY)  # type: ignore[arg-type]


@pytest.fixture
def tegal(tegal_operator, sponsor_user):
    for nik in OWN:
        _register(tegal_operator, nik, "33.28.01.2001")
    _register(tegal_operator, OTHER, "33.28.01.2002")
    shares = (
        SponsorShare("apbd", "APBD Kabupaten Tegal", Decimal(90)),
        SponsorShare("csr", "PT Tegal Makmur Logam", Decimal(10)),
    )
    programme = _programme("Tegal 2027", sponsors=shares)
    Sponsor.objects.get(kind="csr").members.add(sponsor_user)
    return programme


@pytest.fixture
def enrolled(tegal):
    cohort_enrol(actor=None, programme=tegal)
    return tegal


@pytest.fixture
def var_dir(settings, tmp_path: Path) -> Path:
    settings.VAR_DIR = tmp_path
    return tmp_path


def _post_json(client: Client, url: str, body: Mapping[str, object]):
    return client.post(url, body, content_type="application/json")


# --- GET /programmes/{id}/plan ----------------------------------------------------------------------


def test_plan_answers_the_clis_keys_and_the_what_if(tegal, tegal_operator):
    client = api(tegal_operator)
    response = client.get(f"/api/v1/programmes/{tegal.pk}/plan")
    assert response.status_code == 200
    assert response.json() == {
        "workers": 3,
        "months": 12,
        "monthly_cost": "50400",
        "cost": str(3 * PER_WORKER_YEAR),
        "unspent": "0",
        "left_out": {},
    }
    what_if = client.get(f"/api/v1/programmes/{tegal.pk}/plan?budget={2 * PER_WORKER_YEAR}&months=12")
    assert what_if.json()["workers"] == 2
    assert what_if.json()["left_out"] == {"BUDGET.EXHAUSTED": 1}
    assert client.get(f"/api/v1/programmes/{tegal.pk}/plan?package=bpu-jht").json()["monthly_cost"] == str(3 * 36_800)
    assert client.get(f"/api/v1/programmes/{tegal.pk}/plan?months=61").status_code == 422


def test_plan_counts_other_programmes_cover_but_not_its_own_cohort(tegal, tegal_operator):
    cohort_enrol(actor=None, programme=tegal)
    client = api(tegal_operator)
    assert client.get(f"/api/v1/programmes/{tegal.pk}/plan").json()["workers"] == 3
    other = _programme("CSR Gula Manis", start=date(2027, 6, 1), months=3)
    assert client.get(f"/api/v1/programmes/{other.pk}/plan").json()["left_out"] == {"COVERED.ALREADY": 3}


def test_plan_is_scoped(tegal, sponsor_user, village_operator, bekasi_operator, leader):
    url = f"/api/v1/programmes/{tegal.pk}/plan"
    assert api(sponsor_user).get(url).status_code == 200
    assert api(village_operator).get(url).status_code == 200
    assert api(bekasi_operator).get(url).status_code == 404
    assert api(leader).get(url).status_code == 403
    jateng = _programme("Jawa Tengah", region="33")
    assert api(sponsor_user).get(f"/api/v1/programmes/{jateng.pk}/plan").status_code == 404


# --- POST /programmes/{id}/cohort -------------------------------------------------------------------


def test_cohort_is_built_by_the_programmes_operator_only_as_a_job(
    tegal, tegal_operator, sponsor_user, village_operator, bekasi_operator, leader, auditor
):
    url = f"/api/v1/programmes/{tegal.pk}/cohort"
    assert api(bekasi_operator).post(url).status_code == 404
    for user in (sponsor_user, village_operator, leader, auditor):
        assert api(user).post(url).status_code == 403, user.username
    response = api(tegal_operator).post(url)
    assert response.status_code == 202
    job = response.json()
    assert (job["status"], job["status_url"]) == ("queued", f"/api/v1/programmes/{tegal.pk}/cohort/jobs/{job['id']}")
    # A second start while the first waits: refused, nothing queued twice.
    busy = api(tegal_operator).post(url)
    assert (busy.status_code, busy.json()["code"]) == (409, "COHORT.BUSY")
    assert Membership.objects.count() == 0
    jobs_run_pending()
    done = api(tegal_operator).get(job["status_url"]).json()
    assert done["status"] == "done"
    assert (done["summary"]["proposed"], done["summary"]["blocked"]) == (3, {})
    assert Membership.objects.count() == 3
    assert api(bekasi_operator).get(job["status_url"]).status_code == 404
    jateng = _programme("Jawa Tengah", region="33")
    assert api(tegal_operator).post(f"/api/v1/programmes/{jateng.pk}/cohort").status_code == 403


def test_cohort_overlap_fails_the_job_with_its_reason(tegal, tegal_operator, monkeypatch):
    def clash(**kwargs):
        raise EnrolmentRefused("MEMBERSHIP.OVERLAP", "Sebagian pekerja baru saja didanai oleh kohort lain.")

    monkeypatch.setattr("jaring.enrolment.cohort_jobs.cohort_enrol", clash)
    job = api(tegal_operator).post(f"/api/v1/programmes/{tegal.pk}/cohort").json()
    jobs_run_pending()
    failed = api(tegal_operator).get(job["status_url"]).json()
    assert (failed["status"], failed["error"]) == ("failed", "Sebagian pekerja baru saja didanai oleh kohort lain.")


# --- GET /programmes/{id}/memberships ---------------------------------------------------------------


def _niks(response) -> list[str]:
    assert response.status_code == 200
    return [item["nik_masked"] for item in response.json()["items"]]


def test_memberships_list_masked_and_scoped_per_role(
    enrolled, tegal_operator, village_operator, sponsor_user, bekasi_operator, leader
):
    url = f"/api/v1/programmes/{enrolled.pk}/memberships"
    response = api(tegal_operator).get(url)
    assert _niks(response) == ["332801******0001", "332801******0002", "332801******0003"]
    assert not any(nik in response.content.decode() for nik in (*OWN, OTHER))
    item = response.json()["items"][0]
    assert set(item) == {
        "id", "worker_id", "nik_masked", "name", "village_code", "village_name", "start", "end", "status",
        "status_label", "kpj", "reason",
    }  # fmt: skip
    assert (item["start"], item["end"], item["status"], item["status_label"]) == (
        "2027-01-01",
        "2027-12-31",
        "proposed",
        "Diusulkan",
    )
    assert _niks(api(village_operator).get(url)) == ["332801******0001", "332801******0002"]
    assert len(_niks(api(sponsor_user).get(url))) == 3
    assert api(bekasi_operator).get(url).status_code == 404
    assert api(leader).get(url).status_code == 403


def test_memberships_list_filters_and_pages(enrolled, tegal_operator):
    client, url = api(tegal_operator), f"/api/v1/programmes/{enrolled.pk}/memberships"
    Membership.objects.filter(worker__nik=OTHER).update(status=Status.CANCELLED)
    assert _niks(client.get(f"{url}?status=cancelled")) == ["332801******0003"]
    assert len(_niks(client.get(f"{url}?village=33.28.01.2001"))) == 2
    paged = client.get(f"{url}?page=2&page_size=2").json()
    assert (paged["count"], paged["page"], paged["pages"], len(paged["items"])) == (3, 2, 2, 1)
    assert client.get(f"{url}?page_size=201").status_code == 422
    assert client.get(f"{url}?status=aktif").status_code == 422


# --- POST /programmes/{id}/memberships --------------------------------------------------------------


def test_add_by_nik(enrolled, tegal_operator, bekasi_operator):
    _register(tegal_operator, LATE, "33.28.01.2001")
    url = f"/api/v1/programmes/{enrolled.pk}/memberships"
    body = {"nik": "3328 0152 0390 0004", "reason": "Susulan hasil musyawarah desa", "start": "2027-03-01"}
    response = _post_json(api(tegal_operator), url, body)
    assert response.status_code == 201
    assert response.json()["nik_masked"] == "332801******0004"
    assert (response.json()["start"], response.json()["reason"]) == ("2027-03-01", "Susulan hasil musyawarah desa")
    assert AuditEvent.objects.filter(action="membership.add", actor=tegal_operator).count() == 1
    again = _post_json(api(tegal_operator), url, body)
    assert (again.status_code, again.json()["code"]) == (409, "COVERED.ALREADY")
    assert "Tegal 2027" in again.json()["detail"]
    blank = _post_json(api(tegal_operator), url, {"nik": OWN[0], "reason": "   "})
    assert (blank.status_code, blank.json()["code"]) == (400, "MEMBERSHIP.REASON")


def test_a_nik_outside_the_region_answers_like_an_unknown_one(enrolled, tegal_operator, bekasi_operator):
    _register(bekasi_operator, BEKASI_NIK, "32.16.01.2001")
    url = f"/api/v1/programmes/{enrolled.pk}/memberships"
    outside = _post_json(api(tegal_operator), url, {"nik": BEKASI_NIK, "reason": "pindahan"})
    unknown = _post_json(api(tegal_operator), url, {"nik": "3328015203909999", "reason": "pindahan"})
    assert outside.status_code == unknown.status_code == 404
    assert (
        outside.json()
        == unknown.json()
        == {"detail": "Pekerja dengan NIK itu tidak ditemukan.", "code": "WORKER.NOT_FOUND"}
    )
    malformed = _post_json(api(tegal_operator), url, {"nik": "33280152", "reason": "x"})
    assert (malformed.status_code, malformed.json()["code"]) == (400, "NIK.FORMAT")


def test_add_is_refused_to_other_roles(
    enrolled, tegal_operator, village_operator, sponsor_user, bekasi_operator, leader
):
    _register(tegal_operator, LATE, "33.28.01.2001")
    url, body = f"/api/v1/programmes/{enrolled.pk}/memberships", {"nik": LATE, "reason": "susulan"}
    assert _post_json(api(bekasi_operator), url, body).status_code == 404
    for user in (village_operator, sponsor_user, leader):
        assert _post_json(api(user), url, body).status_code == 403, user.username
    assert not Membership.objects.filter(worker__nik=LATE).exists()


# --- POST /memberships/{id}/status ------------------------------------------------------------------


def test_status_change_and_its_refusals(enrolled, tegal_operator, village_operator, sponsor_user, bekasi_operator):
    own = Membership.objects.get(worker__nik=OWN[0])
    other = Membership.objects.get(worker__nik=OTHER)
    body = {"status": "cancelled", "reason": "Meninggal dunia"}
    assert _post_json(api(bekasi_operator), f"/api/v1/memberships/{own.pk}/status", body).status_code == 404
    # The village operator sees its own village's membership (may not change it), not its neighbour's.
    assert _post_json(api(village_operator), f"/api/v1/memberships/{own.pk}/status", body).status_code == 403
    assert _post_json(api(village_operator), f"/api/v1/memberships/{other.pk}/status", body).status_code == 404
    assert _post_json(api(sponsor_user), f"/api/v1/memberships/{own.pk}/status", body).status_code == 403
    response = _post_json(api(tegal_operator), f"/api/v1/memberships/{own.pk}/status", body)
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["reason"]) == ("cancelled", "Meninggal dunia")
    again = _post_json(api(tegal_operator), f"/api/v1/memberships/{own.pk}/status", {"status": "active"})
    assert (again.status_code, again.json()["code"]) == (409, "MEMBERSHIP.TRANSITION")
    assert "Dibatalkan" in again.json()["detail"]
    missing = _post_json(api(tegal_operator), "/api/v1/memberships/999999/status", body)
    assert (missing.status_code, missing.json()["code"]) == (404, "MEMBERSHIP.NOT_FOUND")


# --- POST /programmes/{id}/registration, GET /programmes/{id}/jobs/{job}[/file] -------------------------


def test_registration_file_is_a_job_whose_file_is_downloaded_when_done(enrolled, tegal_operator, var_dir):
    client = api(tegal_operator)
    started = client.post(f"/api/v1/programmes/{enrolled.pk}/registration")
    assert started.status_code == 202
    job = started.json()
    assert (job["kind"], job["status"], job["status_label"], job["file_url"]) == ("export", "queued", "Menunggu", None)
    assert job["status_url"] == f"/api/v1/programmes/{enrolled.pk}/jobs/{job['id']}"
    # Nothing happens in the request: the job worker writes the file.
    assert set(Membership.objects.values_list("status", flat=True)) == {"proposed"}
    jobs_run_pending()

    done = client.get(job["status_url"]).json()
    assert (done["status"], done["summary"], done["error"]) == ("done", {"rows": 3}, None)
    assert done["file_url"] == f"/api/v1/programmes/{enrolled.pk}/jobs/{job['id']}/file"
    assert set(Membership.objects.values_list("status", flat=True)) == {"submitted"}
    response = client.get(done["file_url"])
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(f'attachment; filename="pendaftaran-bpjs-{enrolled.pk}-')
    sheet = pl.read_excel(io.BytesIO(response.getvalue()))
    assert {"NIK", "Nama", "Tanggal Lahir", "Jenis Kelamin", "Kode Desa"} <= set(sheet.columns)
    assert sorted(sheet["NIK"].to_list()) == sorted([*OWN, OTHER])
    assert AuditEvent.objects.filter(action="cohort.export.download", actor=tegal_operator).count() == 1
    assert oct((var_dir / "bpjs" / job["id"]).stat().st_mode & 0o777) == "0o700"


def test_registration_job_is_scoped_as_the_page(
    enrolled, tegal_operator, auditor, village_operator, sponsor_user, bekasi_operator, leader, var_dir
):
    url = f"/api/v1/programmes/{enrolled.pk}/registration"
    assert api(bekasi_operator).post(url).status_code == 404
    for user in (village_operator, sponsor_user, leader, auditor):
        assert api(user).post(url).status_code == 403, user.username
    job = api(tegal_operator).post(url).json()
    jobs_run_pending()
    # The auditor follows the job but may not take the file with full NIKs; the others see nothing of it.
    seen = api(auditor).get(job["status_url"])
    assert (seen.status_code, seen.json()["status"], seen.json()["file_url"]) == (200, "done", None)
    assert api(auditor).get(f"{job['status_url']}/file").status_code == 403
    for user in (village_operator, sponsor_user):
        assert api(user).get(job["status_url"]).status_code == 403, user.username
    assert api(bekasi_operator).get(job["status_url"]).status_code == 404
    other = _programme("Tegal 2028", start=date(2028, 1, 1))
    assert api(tegal_operator).get(f"/api/v1/programmes/{other.pk}/jobs/{job['id']}").status_code == 404


def test_registration_of_an_empty_cohort_fails_with_its_reason(tegal, tegal_operator, var_dir):
    client = api(tegal_operator)
    job = client.post(f"/api/v1/programmes/{tegal.pk}/registration").json()
    jobs_run_pending()
    failed = client.get(job["status_url"]).json()
    assert (failed["status"], failed["error"]) == ("failed", "Belum ada kepesertaan yang diusulkan untuk program ini.")
    assert failed["file_url"] is None
    assert client.get(f"{job['status_url']}/file").status_code == 404


# --- POST /programmes/{id}/answer -------------------------------------------------------------------


def _answer(client: Client, programme, rows: list[str], name: str = "jawaban.csv"):
    text = "NIK;Nama;Status;Keterangan;KPJ\n" + "".join(f"{row}\n" for row in rows)
    upload = SimpleUploadedFile(name, text.encode())
    return client.post(f"/api/v1/programmes/{programme.pk}/answer", {"file": upload})


def _applied(client: Client, programme, rows: list[str]) -> dict[str, Any]:
    started = _answer(client, programme, rows)
    assert started.status_code == 202
    assert (started.json()["kind"], started.json()["file"]) == ("answer", "jawaban.csv")
    jobs_run_pending()
    job: dict[str, Any] = client.get(started.json()["status_url"]).json()
    return job


def test_answer_is_applied_by_a_job_with_the_issues_keys(enrolled, tegal_operator, var_dir):
    Membership.objects.update(status=Status.SUBMITTED)
    client = api(tegal_operator)
    rows = [f"{OWN[0]};Siti;Y;;12345678901", f"{OWN[1]};Siti;T;NIK tidak ditemukan;", "3328015203909999;Budi;Y;;"]
    job = _applied(client, enrolled, rows)
    assert job["status"] == "done"
    assert job["summary"] == {
        "rows": 3,
        "accepted": 1,
        "rejected": 1,
        "unknown": 1,
        "unchanged": 0,
        "errors_by_rule": {},
        "applied": True,
        "problem_count": 1,
        "problems": [[4, "NIK.NOT_IN_COHORT", "NIK tidak ada dalam kohort program ini."]],
    }
    assert Membership.objects.get(worker__nik=OWN[0]).kpj == "12345678901"
    problems = client.get(job["file_url"])
    assert problems["Content-Disposition"].startswith(f'attachment; filename="masalah-jawaban-bpjs-{enrolled.pk}-')
    # The upload itself is gone once applied: only the problems file stays.
    assert [p.name for p in (var_dir / "bpjs" / job["id"]).iterdir()] == ["masalah-jawaban-bpjs.xlsx"]
    twice = _applied(client, enrolled, rows)["summary"]
    assert (twice["accepted"], twice["rejected"], twice["unchanged"]) == (0, 0, 2)


def test_a_malformed_answer_changes_nothing_and_says_why(enrolled, tegal_operator, var_dir):
    client = api(tegal_operator)
    job = _applied(client, enrolled, [f"{OWN[0]};Siti;Y;;123", f"{OWN[1]};Siti;X;;"])
    summary = job["summary"]
    assert (job["status"], summary["applied"]) == ("done", False)
    assert summary["errors_by_rule"] == {"KPJ.FORMAT": 1, "STATUS.UNKNOWN": 1}
    assert [code for _, code, _ in summary["problems"]] == ["KPJ.FORMAT", "STATUS.UNKNOWN"]
    assert set(Membership.objects.values_list("status", flat=True)) == {"proposed"}
    wrong = _answer(client, enrolled, [f"{OWN[0]};Siti;Y;;"], name="jawaban.pdf")
    assert (wrong.status_code, wrong.json()["code"]) == (400, "FILE.TYPE")
    missing = client.post(f"/api/v1/programmes/{enrolled.pk}/answer")
    assert missing.status_code == 422
    assert ExchangeJob.objects.count() == 1


def test_an_answer_over_the_size_limit_is_refused_before_a_job_exists(enrolled, tegal_operator, var_dir, settings):
    settings.JARING_UPLOAD_MAX_BYTES = 10
    response = _answer(api(tegal_operator), enrolled, [f"{OWN[0]};Siti;Y;;12345678901"])
    assert (response.status_code, response.json()["code"]) == (400, "FILE.TOO_LARGE")
    assert ExchangeJob.objects.count() == 0


def test_answer_is_refused_to_other_roles(
    enrolled, village_operator, sponsor_user, bekasi_operator, leader, auditor, var_dir
):
    rows = [f"{OWN[0]};Siti;Y;;12345678901"]
    assert _answer(api(bekasi_operator), enrolled, rows).status_code == 404
    for user in (village_operator, sponsor_user, leader, auditor):
        assert _answer(api(user), enrolled, rows).status_code == 403, user.username
    assert ExchangeJob.objects.count() == 0
    assert set(Membership.objects.values_list("status", flat=True)) == {"proposed"}
