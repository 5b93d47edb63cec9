"""Reconciliation pages and API end to end: upload as a job, the report by category with masked NIKs, the
export, the billed-vs-enrolled-vs-active table, and who may see or load what."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jaring.accounts.services import api_token_create
from jaring.audit.models import AuditEvent
from jaring.billing.models_reconcile import ReconciliationRun
from jaring.billing.tests.reconcile_cases import BEKASI_NIK, HAND_MADE, HEADER, NIK, ON, paid_cohort
from jaring.jobs.models import JobStatus
from jaring.jobs.worker import jobs_run_pending

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(tegal, workers, bekasi_operator):
    return paid_cohort(tegal, workers, bekasi_operator)


def _upload(client, programme, body: str = HAND_MADE, name: str = "aktif.csv") -> ReconciliationRun:
    upload = SimpleUploadedFile(name, (HEADER + body).encode())
    response = client.post(f"/program/{programme.pk}/rekonsiliasi/unggah/", {"file": upload, "on": ON.isoformat()})
    run = ReconciliationRun.objects.latest("created_at")
    assert response.status_code == 302
    assert response["Location"] == f"/program/{programme.pk}/rekonsiliasi/{run.pk}/"
    jobs_run_pending()
    run.refresh_from_db()
    return run


def test_upload_runs_as_a_job_and_the_report_shows_each_category(paid, tegal_operator, client_for):
    client = client_for(tegal_operator)
    run = _upload(client, paid)
    assert run.status == JobStatus.DONE, run.error
    assert run.counts() == {"rows": 7, "matched": 1, "paid_not_active": 2, "active_not_paid": 2, "different": 2}
    base = f"/program/{paid.pk}/rekonsiliasi/{run.pk}/"
    page = client.get(base).content.decode()
    assert "Aktif di BPJS tetapi tidak dibayar di sini (2)" in page
    assert "332801******0004" in page  # worker 4: in our registry, not a member
    assert "Pekerja 4" in page
    assert "Bukan peserta program ini" in page
    assert "Tidak ditemukan di sini" in page  # the Bekasi worker: nothing more
    different = client.get(base + "?kategori=different").content.decode()
    assert "Masa iuran selisih 2 bulan (di sini lebih lama)" in different
    assert "Nomor KPJ berbeda" in different
    absent = client.get(base + "?kategori=paid_not_active").content.decode()
    assert "Tidak ada dalam daftar BPJS" in absent
    for category in ("matched", "paid_not_active", "active_not_paid", "different"):
        shown = client.get(base + f"?kategori={category}").content.decode()
        assert "Rahasia Bekasi" not in shown
        assert all(nik not in shown for nik in [*NIK, BEKASI_NIK])  # NIKs masked
    listing = client.get(f"/program/{paid.pk}/rekonsiliasi/").content.decode()
    assert "aktif.csv" in listing
    assert AuditEvent.objects.filter(action="reconciliation.run").count() == 1


def test_a_refused_list_shows_its_rows_and_writes_nothing(paid, tegal_operator, client_for):
    client = client_for(tegal_operator)
    run = _upload(client, paid, body=f"{NIK[0]};A;11111111111;Aktif;13/2026\n123;B;11111111112;Aktif;03/2026\n")
    assert run.status == JobStatus.FAILED
    page = client.get(f"/program/{paid.pk}/rekonsiliasi/{run.pk}/").content.decode()
    assert "tidak ada yang disimpan" in page
    assert "Iuran Terakhir tidak terbaca" in page
    assert "NIK harus 16 digit angka." in page
    assert not run.findings.exists()
    assert client.get(f"/program/{paid.pk}/rekonsiliasi/{run.pk}/unduh/").status_code == 404


def test_export_masks_niks_and_guards_formulas(paid, tegal_operator, client_for):
    client = client_for(tegal_operator)
    run = _upload(client, paid, name="=HYPERLINK(1).csv")
    response = client.get(f"/program/{paid.pk}/rekonsiliasi/{run.pk}/unduh/")
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        styles = book.read("xl/styles.xml").decode()
    assert "=HYPERLINK(1).csv" in sheet
    assert "<f>" not in sheet  # written as text, never as a formula
    assert 'quotePrefix="1"' in styles
    assert "332801******0004" in sheet
    assert all(nik not in sheet for nik in [*NIK, BEKASI_NIK])
    assert "Rahasia Bekasi" not in sheet
    assert AuditEvent.objects.filter(action="reconciliation.export").count() == 1


def test_billed_enrolled_active_table(paid, tegal_operator, client_for):
    client = client_for(tegal_operator)
    _upload(client, paid)
    page = client.get(f"/program/{paid.pk}/rekonsiliasi/").content.decode()
    table = page[page.index('id="billed-enrolled-active"') :]
    table = table[: table.index("</table>")]
    # 5 members enrolled and billed in 03/2026; at BPJS 3 of them active (1, 2, 5) and 2 NIKs not members here.
    assert "Ditagih bulan 03/2026" in table
    cells = [c.split("<")[0] for c in table.split('<td class="num">')[1:]]
    assert cells == ["5", "5", "3", "2"]


@pytest.mark.parametrize(
    ("persona", "read", "upload"),
    [
        ("tegal_operator", 200, 302),
        ("auditor", 200, 403),
        ("bpjs_officer", 200, 302),  # the branch loads its own active list (users.md)
        ("tegal_admin", 200, 403),
        ("sponsor_user", 403, 403),
        ("village_operator", 403, 403),
        ("bekasi_operator", 404, 404),
    ],
)
def test_who_may_read_and_load(paid, persona, read, upload, request, client_for):
    from jaring.funding.models import ProgrammeSponsor

    if persona == "sponsor_user":
        user = request.getfixturevalue(persona)
        ProgrammeSponsor.objects.get(programme=paid, sponsor__name="PT Tegal Makmur").sponsor.members.add(user)
    client = client_for(request.getfixturevalue(persona))
    assert client.get(f"/program/{paid.pk}/rekonsiliasi/").status_code == read
    sent = SimpleUploadedFile("aktif.csv", (HEADER + HAND_MADE).encode())
    assert client.post(f"/program/{paid.pk}/rekonsiliasi/unggah/", {"file": sent}).status_code == upload
    programme_page = client.get(f"/program/{paid.pk}/")
    if programme_page.status_code == 200:
        assert ('id="reconcile-link"' in programme_page.content.decode()) == (read == 200)


def test_api_upload_list_and_one(paid, tegal_operator, auditor):
    token = api_token_create(user=tegal_operator, name="t").plaintext
    api = Client(headers={"Authorization": f"Bearer {token}"})
    url = f"/api/v1/programmes/{paid.pk}/reconciliations"
    created = api.post(url, {"file": SimpleUploadedFile("aktif.csv", (HEADER + HAND_MADE).encode())})
    assert created.status_code == 202
    run_id = created.json()["id"]
    assert created.json()["status"] == "queued"
    jobs_run_pending()
    one = api.get(f"{url}/{run_id}").json()
    assert (one["status"], one["rows"]) == ("done", 7)
    assert set(one) >= {"matched", "paid_not_active", "active_not_paid", "different"}
    assert [r["id"] for r in api.get(url).json()] == [run_id]
    reader = Client(headers={"Authorization": f"Bearer {api_token_create(user=auditor, name='t').plaintext}"})
    assert reader.get(f"{url}/{run_id}").status_code == 200
    refused = reader.post(url, {"file": SimpleUploadedFile("aktif.csv", b"NIK\n")})
    assert refused.status_code == 403
    wrong = api.post(url, {"file": SimpleUploadedFile("aktif.pdf", b"%PDF")})
    assert wrong.status_code == 400
