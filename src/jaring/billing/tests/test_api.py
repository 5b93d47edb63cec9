"""The bills, runs and payments API: the CLI's JSON keys, scoped like the pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from jaring.accounts.services import api_token_create
from jaring.billing.models import Bill, Payment
from jaring.billing.run import billing_run
from jaring.billing.tests.cohort import TODAY, sponsor

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {api_token_create(user=user, name='t').plaintext}"})


@pytest.fixture
def billed(tegal, sponsor_user):
    sponsor("PT Tegal Makmur").members.add(sponsor_user)
    for month in (date(2026, 1, 1), date(2026, 2, 1)):
        billing_run(actor=None, month=month, today=TODAY)
    return tegal


def test_bill_list_filters_by_sponsor_and_month(billed, tegal_operator):
    client = _client(tegal_operator)
    assert client.get("/api/v1/bills").json()["count"] == 6
    apbd = sponsor("Pemkab Tegal")
    body = client.get(f"/api/v1/bills?sponsor={apbd.pk}&month=2026-02").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["month"], item["total"], item["paid"], item["status"]) == ("2026-02", "30240", "0", "unpaid")
    assert item["status_label"] == "Belum dibayar"


def test_bill_detail_with_lines_and_a_leader_without(billed, tegal_operator, leader):
    bill = Bill.objects.get(sponsor=sponsor("Pemkab Tegal"), month=date(2026, 1, 1))
    body = _client(tegal_operator).get(f"/api/v1/bills/{bill.pk}").json()
    assert {(b["benefit"], b["total"]) for b in body["breakdown"]} == {
        ("JKK", "18000"),
        ("JKM", "12240"),
    }  # 60% of 3 × (10.000 + 6.800)
    assert body["lines_count"] == 6
    assert {line["nik_masked"][:12] for line in body["lines"]} == {"332801******"}
    led = _client(leader).get(f"/api/v1/bills/{bill.pk}").json()
    assert led["lines"] is None
    assert led["total"] == "30240"
    assert "332801" not in str(led)


def test_a_sponsor_user_reaches_its_own_bills_only(billed, sponsor_user):
    client = _client(sponsor_user)
    body = client.get("/api/v1/bills").json()
    assert {i["sponsor"] for i in body["items"]} == {"PT Tegal Makmur"}
    other = Bill.objects.filter(sponsor=sponsor("Pemkab Tegal")).earliest("month")
    assert client.get(f"/api/v1/bills/{other.pk}").status_code == 404
    payment = {"sponsor": sponsor("PT Tegal Makmur").pk, "amount": 1000, "paid_on": "2026-03-01"}
    assert client.post("/api/v1/payments", payment, content_type="application/json").status_code == 403


def test_payment_post_answers_like_billing_pay(billed, tegal_operator):
    client = _client(tegal_operator)
    payload = {"sponsor": sponsor("Pemkab Tegal").pk, "amount": "70.000", "paid_on": "2026-03-05", "kode_iuran": "K1"}
    response = client.post("/api/v1/payments", payload, content_type="application/json")
    assert response.status_code == 201
    payment = Payment.objects.get()
    assert response.json() == {"payment": payment.pk, "allocated": "60480", "carried": "9520"}
    listed = client.get(f"/api/v1/payments?sponsor={payment.sponsor_id}").json()
    assert listed["items"][0]["amount"] == "70000"
    assert listed["items"][0]["has_proof"] is False
    for amount in ("7.00", "-5", "1,5"):
        bad = client.post("/api/v1/payments", payload | {"amount": amount}, content_type="application/json")
        assert (bad.status_code, bad.json()["code"]) == (400, "PAYMENT.AMOUNT")
    future = client.post("/api/v1/payments", payload | {"paid_on": "2099-01-01"}, content_type="application/json")
    assert (future.status_code, future.json()["code"]) == (400, "PAYMENT.FUTURE")
    assert Payment.objects.count() == 1


def test_a_run_is_a_job(tegal, tegal_operator, auditor):
    from jaring.jobs.worker import jobs_run_pending

    client = _client(tegal_operator)
    started = client.post("/api/v1/billing/runs", {"month": "2026-01"}, content_type="application/json")
    assert started.status_code == 202
    assert started.json()["status"] == "queued"
    busy = client.post("/api/v1/billing/runs", {"month": "2026-02"}, content_type="application/json")
    assert (busy.status_code, busy.json()["code"]) == (409, "BILL.RUN_BUSY")
    jobs_run_pending()
    done = client.get(f"/api/v1/billing/runs/{started.json()['id']}").json()
    assert done["status"] == "done"
    assert (done["summary"]["bills"], done["summary"]["total"], done["summary"]["created"]) == (3, "50400", 3)
    refused = _client(auditor).post("/api/v1/billing/runs", {"month": "2026-01"}, content_type="application/json")
    assert refused.status_code == 403
