"""The bill and payment pages: what each role sees, the forms, the exports."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import date
from decimal import Decimal

import fastexcel
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from jaring.billing.allocation import sponsor_arrears, sponsor_credit
from jaring.billing.models import Bill, BillingRunJob, Payment
from jaring.billing.payments import payment_record
from jaring.billing.run import billing_run
from jaring.billing.selectors import sponsor_summaries
from jaring.billing.tests.cohort import TODAY, sponsor
from jaring.funding.models import Sponsor

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def billed(tegal, sponsor_user):
    """January and February 2026 billed; PT Tegal Makmur's user is the demo CSR sponsor's."""
    sponsor("PT Tegal Makmur").members.add(sponsor_user)
    for month in (date(2026, 1, 1), date(2026, 2, 1)):
        billing_run(actor=None, month=month, today=TODAY)
    return tegal


def _sheet(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response.content


def _rows(content):
    """Every row as text cells ("" when empty; numbers as the reader writes them, 60480 -> "60480")."""
    frame = fastexcel.read_excel(content).load_sheet(0, header_row=None, dtypes="string").to_polars()
    return [[_text(c) for c in row] for row in frame.iter_rows()]


def _text(cell):
    if cell is None:
        return ""
    return cell[:-2] if cell.endswith(".0") else cell


def test_operator_sees_every_sponsor_with_its_sums(billed, tegal_operator, client_for, django_assert_max_num_queries):
    client = client_for(tegal_operator)
    with django_assert_max_num_queries(15):
        page = client.get("/tagihan/?month=2026-01").content.decode()
    assert "Pemkab Tegal" in page
    assert "DBHCHT Tegal" in page
    assert "PT Tegal Makmur" in page
    # APBD's 60% of three members' JKK+JKM (16.800 a month): 30.240 a month, two months billed.
    assert "Rp 60.480" in page
    assert "Tagihan bulan Januari 2026" in page
    assert "Belum dibayar" in page


def test_summaries_are_the_allocation_sums(billed):
    payment_record(actor=None, sponsor=sponsor("Pemkab Tegal"), amount=D(70_000), paid_on=date(2026, 3, 5), today=TODAY)
    sponsors = list(Sponsor.objects.order_by("name"))
    for s in sponsor_summaries(sponsors):
        assert (s.arrears, s.credit) == (sponsor_arrears(s.sponsor), sponsor_credit(s.sponsor))
    apbd = next(s for s in sponsor_summaries(sponsors) if s.sponsor.name == "Pemkab Tegal")
    assert (apbd.billed, apbd.paid, apbd.arrears, apbd.credit) == (D(60_480), D(70_000), D(0), D(9_520))


def test_a_sponsor_user_sees_its_own_bills_only(billed, sponsor_user, client_for):
    client = client_for(sponsor_user)
    page = client.get("/tagihan/?month=2026-01").content.decode()
    assert "PT Tegal Makmur" in page
    assert "Pemkab Tegal" not in page
    apbd_bill = Bill.objects.filter(sponsor=sponsor("Pemkab Tegal")).earliest("month")
    assert client.get(f"/tagihan/{apbd_bill.pk}/").status_code == 404
    assert client.get(f"/tagihan/sponsor/{apbd_bill.sponsor_id}/").status_code == 404
    own = Bill.objects.filter(sponsor=sponsor("PT Tegal Makmur")).earliest("month")
    assert client.get(f"/tagihan/{own.pk}/").status_code == 200
    assert client.get("/tagihan/buat/").status_code == 403


def test_bill_detail_shows_totals_lines_and_rule_labels(billed, tegal_operator, client_for):
    bill = Bill.objects.get(sponsor=sponsor("Pemkab Tegal"), month=date(2026, 1, 1))
    page = client_for(tegal_operator).get(f"/tagihan/{bill.pk}/").content.decode()
    assert "Pekerja Rentan 2026" in page
    assert "JKK" in page
    assert "JKM" in page
    assert "332801******0001" in page
    assert "3328015203900001" not in page
    assert 'class="code-hint"' in page  # the rule code, small, next to its Indonesian label
    assert "Belum dibayar" in page


def test_a_leader_sees_totals_but_no_member(billed, leader, client_for):
    client = client_for(leader)
    bill = Bill.objects.get(sponsor=sponsor("Pemkab Tegal"), month=date(2026, 1, 1))
    assert "Rp 60.480" in client.get("/tagihan/").content.decode()
    page = client.get(f"/tagihan/{bill.pk}/").content.decode()
    assert "Rp 30.240" in page
    assert "Pekerja 1" not in page
    assert "332801" not in page
    rows = _rows(_sheet(client.get(f"/tagihan/{bill.pk}/ekspor/")))
    assert not any("Pekerja 1" in str(cell) for row in rows for cell in row)
    assert client.get(f"/tagihan/sponsor/{bill.sponsor_id}/pembayaran/").status_code == 200
    assert client.post(f"/tagihan/sponsor/{bill.sponsor_id}/pembayaran/", {"amount": "1"}).status_code == 403


def test_village_operator_and_outsider_see_nothing(billed, village_operator, bekasi_operator, client_for):
    bill = Bill.objects.earliest("month")
    assert client_for(village_operator).get("/tagihan/").status_code == 403
    outsider = client_for(bekasi_operator)
    assert "Pemkab Tegal" not in outsider.get("/tagihan/").content.decode()
    assert outsider.get(f"/tagihan/{bill.pk}/").status_code == 404


def test_recording_a_payment_typed_with_dots_and_a_proof(billed, tegal_operator, client_for, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    apbd = sponsor("Pemkab Tegal")
    form = {
        "paid_on": "2026-03-05", "amount": "70.000", "reference": "=HYPERLINK(\"x\")", "sp2d_number": "SP2D-01",
        "sp2d_date": "2026-03-04", "kode_iuran": "KI-7", "jkk_account": "5.1.02", "jkm_account": "5.1.03",
        "proof": SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti", content_type="application/pdf"),
    }  # fmt: skip
    client = client_for(tegal_operator)
    response = client.post(f"/tagihan/sponsor/{apbd.pk}/pembayaran/", form, follow=True)
    page = response.content.decode()
    assert "Pembayaran Rp 70.000 dicatat; Rp 60.480 melunasi tagihan." in page
    assert "Kelebihan Rp 9.520 disimpan" in page
    payment = Payment.objects.get()
    assert (payment.amount, payment.sp2d_number, payment.kode_iuran) == (D(70_000), "SP2D-01", "KI-7")
    stored = tmp_path / "bukti-bayar" / payment.proof
    assert stored.read_bytes() == b"%PDF-1.4 bukti"
    assert os.stat(stored).st_mode & 0o777 == 0o600
    assert os.stat(stored.parent).st_mode & 0o777 == 0o700
    rows = _rows(_sheet(client.get(f"/tagihan/sponsor/{apbd.pk}/pembayaran/ekspor/")))
    cells = [c for row in rows for c in row if c]
    assert payment.proof not in " ".join(cells)
    assert "bukti-bayar" not in " ".join(cells)
    # The reference someone typed as a formula stays text in the export (quote prefix, no formula).
    assert '=HYPERLINK("x")' in cells
    with zipfile.ZipFile(io.BytesIO(_sheet(client.get(f"/tagihan/sponsor/{apbd.pk}/pembayaran/ekspor/")))) as book:
        assert "<f>" not in book.read("xl/worksheets/sheet1.xml").decode()
        assert 'quotePrefix="1"' in book.read("xl/styles.xml").decode()


def test_the_proof_downloads_for_billing_staff_only(
    billed, tegal_operator, leader, bekasi_operator, client_for, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    apbd = sponsor("Pemkab Tegal")
    form = {"paid_on": "2026-03-05", "amount": "1.000", "proof": SimpleUploadedFile("sp2d scan.pdf", b"%PDF-1.4 x")}
    client_for(tegal_operator).post(f"/tagihan/sponsor/{apbd.pk}/pembayaran/", form)
    payment = Payment.objects.get()
    url = f"/tagihan/pembayaran/{payment.pk}/bukti/"
    assert url in client_for(tegal_operator).get(f"/tagihan/sponsor/{apbd.pk}/pembayaran/").content.decode()
    response = client_for(tegal_operator).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 x"
    assert response["Content-Disposition"] == f'attachment; filename="bukti-bayar-{payment.pk}-20260305.pdf"'
    # A leader reads totals only; another region's operator does not learn the payment exists.
    assert client_for(leader).get(url).status_code == 403
    assert url not in client_for(leader).get(f"/tagihan/sponsor/{apbd.pk}/pembayaran/").content.decode()
    assert client_for(bekasi_operator).get(url).status_code == 404
    (tmp_path / "bukti-bayar" / payment.proof).unlink()
    assert client_for(tegal_operator).get(url).status_code == 404


def test_a_refused_payment_keeps_nothing(billed, tegal_operator, client_for, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    apbd = sponsor("Pemkab Tegal")
    form = {"paid_on": "2099-01-01", "amount": "1.000", "proof": SimpleUploadedFile("b.png", b"png")}
    response = client_for(tegal_operator).post(f"/tagihan/sponsor/{apbd.pk}/pembayaran/", form)
    assert response.status_code == 400
    assert "belum terjadi" in response.content.decode()
    assert not Payment.objects.exists()
    assert list((tmp_path / "bukti-bayar").iterdir()) == []


def test_an_outsider_cannot_record_a_payment(billed, bekasi_operator, client_for):
    apbd = sponsor("Pemkab Tegal")
    response = client_for(bekasi_operator).post(f"/tagihan/sponsor/{apbd.pk}/pembayaran/", {"amount": "1"})
    assert response.status_code == 404
    assert not Payment.objects.exists()


def test_buat_tagihan_starts_a_job_and_its_page_shows_the_result(tegal, tegal_operator, client_for):
    from jaring.jobs.worker import jobs_run_pending

    client = client_for(tegal_operator)
    response = client.post("/tagihan/buat/", {"month": "2026-01", "sponsor": ""})
    job = BillingRunJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/tagihan/tugas/{job.pk}/"
    waiting = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 1s"' in waiting
    jobs_run_pending()
    done = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "3 tagihan, jumlah Rp 50.400." in done
    assert "hx-trigger" not in done
    assert Bill.objects.filter(month=date(2026, 1, 1)).count() == 3


def test_buat_tagihan_refuses_a_month_not_started(tegal, tegal_operator, client_for):
    from jaring.jobs.worker import jobs_run_pending

    client = client_for(tegal_operator)
    assert client.post("/tagihan/buat/", {"month": "13/2026"}).status_code == 400
    response = client.post("/tagihan/buat/", {"month": "2099-01"})
    jobs_run_pending()
    page = client.get(response["Location"]).content.decode()
    assert "Penagihan gagal" in page
    assert "belum dimulai" in page
    assert not Bill.objects.exists()


def test_exports_of_each_table(billed, tegal_operator, client_for):
    client = client_for(tegal_operator)
    apbd = sponsor("Pemkab Tegal")
    bill = Bill.objects.get(sponsor=apbd, month=date(2026, 1, 1))
    sums = _rows(_sheet(client.get("/tagihan/ekspor/")))
    assert any(row[0] == "Pemkab Tegal" and row[3] == "60480" for row in sums)
    month = _rows(_sheet(client.get("/tagihan/bulan/ekspor/?month=2026-01")))
    assert any(row[0] == "Pemkab Tegal" and row[1] == "Januari 2026" and row[7] == "30240" for row in month)
    own = _rows(_sheet(client.get(f"/tagihan/sponsor/{apbd.pk}/ekspor/")))
    assert sum(1 for row in own if row[0] == "Pemkab Tegal") == 2
    lines = _rows(_sheet(client.get(f"/tagihan/{bill.pk}/ekspor/")))
    members = [row for row in lines if row[0] and str(row[0]).startswith("332801******")]
    assert len(members) == 6  # three members × JKK, JKM


def test_a_bills_rule_warnings_are_shown_in_indonesian(workers, tegal_operator, client_for):
    from jaring.billing.tests.cohort import enrol, make_programme

    programme = make_programme([("apbd", "Pemkab Tegal", "100")], segment="pu", wage=D(2_300_000))
    enrol(programme, workers[:2])
    billing_run(actor=None, month=date(2026, 3, 1), today=TODAY)
    bill = Bill.objects.get()
    warning = next(w for w in bill.warnings if w["code"] == "NON_ASN.JKK_CLASS")
    page = client_for(tegal_operator).get(f"/tagihan/{bill.pk}/").content.decode()
    assert 'id="bill-warnings"' in page
    assert escape(warning["message_id"]) in page
    assert escape(warning["message_en"]) not in page
