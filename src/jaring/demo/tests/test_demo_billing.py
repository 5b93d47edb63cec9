"""The demo's money cycle: months billed and paid, the January gap paid in April, a village lapsed and one in
arrears; loading again changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from jaring.billing.allocation import sponsor_arrears
from jaring.billing.models import Bill, Payment
from jaring.billing.proof import proof_root
from jaring.demo import billing, funding, load
from jaring.enrolment.models import Membership, Status
from jaring.funding.models import Sponsor

pytestmark = pytest.mark.django_db


def test_demo_billing(settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    monkeypatch.setattr(load, "DEMO_VILLAGE_COUNT", 2)
    monkeypatch.setattr(load, "ROWS_PER_VILLAGE", 120)
    monkeypatch.setattr(funding, "MAIN_WORKERS", 150)
    monkeypatch.setattr(funding, "ADHOC_WORKERS", 10)
    monkeypatch.setattr(billing, "VILLAGE_WORKERS", 12)
    load.demo_users()
    load.demo_imports()
    today = date(2026, 12, 3)
    funding.demo_programmes(today=today)
    made = billing.demo_billing(today=today)
    assert made["runs"] == 12
    apbd = Sponsor.objects.get(name="APBD Kabupaten Tegal")
    january = Bill.objects.get(sponsor=apbd, month=date(2026, 1, 1))
    assert january.settled_on == date(2026, 4, 10)  # the January gap, paid when the APBD could pay
    assert set(Bill.objects.filter(sponsor__name="DBHCHT Kabupaten Tegal").values_list("months", flat=True)) == {3}
    lapsed = Membership.objects.filter(programme__name__contains="Prupuk Selatan", status=Status.LAPSED)
    assert lapsed.exists()
    assert {m.end for m in lapsed} == {date(2026, 7, 31)}
    village_b = Sponsor.objects.filter(kind="apbdes").exclude(name="APBDes Prupuk Selatan").get()
    assert sponsor_arrears(village_b) > 0
    assert Payment.objects.filter(sponsor=apbd, paid_on=date(2026, 11, 25)).exists()
    # BPJS's active list of 15 September: three non-active, two periods behind and one iuran higher, two active
    # but not funded here.
    counts = made["reconciliation"]
    assert (counts["paid_not_active"], counts["different"], counts["active_not_paid"]) == (3, 3, 2)
    assert counts["matched"] == counts["rows"] - 8
    # The January gap's payment carries its proof, a readable PDF kept owner-only.
    gap = Payment.objects.get(sponsor=apbd, paid_on=date(2026, 4, 10))
    stored = proof_root() / gap.proof
    assert stored.read_bytes().startswith(b"%PDF-1.4")
    assert f"Rp {int(gap.amount):,}".replace(",", ".").encode() in stored.read_bytes()
    assert stored.stat().st_mode & 0o777 == 0o600
    assert billing.demo_billing(today=today) == {}
