"""Alerts before a gap (above all the January gap), the renewal list, and villages in arrears."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jaring.billing.allocation import sponsor_arrears
from jaring.billing.arrears import ageing, village_arrears
from jaring.billing.continuity import continuity_alerts, renewal_groups
from jaring.billing.payments import payment_record
from jaring.billing.run import billing_run
from jaring.billing.tests.cohort import enrol, make_programme
from jaring.funding.models import Sponsor

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)


def _bill_and_pay(months: range, today: date = TODAY) -> None:
    # Each month paid before the next run: a run finding three overdue months would lapse the members.
    for m in months:
        billing_run(actor=None, month=date(2026, m, 1), today=today)
        for sponsor in Sponsor.objects.all():
            owed = sponsor_arrears(sponsor)
            if owed:
                payment_record(actor=None, sponsor=sponsor, amount=owed, paid_on=today, today=today)


def test_the_january_gap_and_the_next_due_date(tegal):
    _bill_and_pay(range(1, 12))
    alerts = {a.kind: a for a in continuity_alerts([tegal], TODAY)}
    january = alerts["january"]
    assert (january.on, january.days, january.level, january.members) == (date(2027, 1, 1), 29, 30, 3)
    assert january.message.startswith("Celah Januari: program berakhir 31/12/2026")
    assert "3 peserta tidak terlindungi mulai 01/01/2027 (29 hari lagi)" in january.message
    # Paid through November: December's iuran falls due on 15 January.
    gap = alerts["gap"]
    assert (gap.paid_through, gap.on, gap.level) == (date(2026, 11, 30), date(2027, 1, 16), 60)
    assert "jatuh tempo 15/01/2027" in gap.message


def test_a_following_programme_closes_the_january_gap(tegal):
    _bill_and_pay(range(1, 12))
    make_programme([("apbd", "Pemkab Tegal", "100")], name="Pekerja Rentan 2027", start=date(2027, 1, 1), today=TODAY)
    assert "january" not in {a.kind for a in continuity_alerts([tegal], TODAY)}


def test_nothing_to_say_far_from_any_gap(tegal):
    _bill_and_pay(range(1, 5), today=date(2026, 4, 1))  # paid through April: May falls due on 15 June
    assert continuity_alerts([tegal], date(2026, 4, 1)) == []


def test_renewal_list_by_sponsor_and_budget_year(tegal):
    groups = {(g.sponsor.name, g.budget_year): (g.members, g.monthly) for g in renewal_groups([tegal], TODAY)}
    # December 2026 lies in the PP 50/2025 window: the CSR company's share is halved, the Pemda's is not.
    assert groups == {
        ("DBHCHT Tegal", 2027): (3, Decimal(3 * 5_040)),
        ("PT Tegal Makmur", 2027): (3, Decimal(3 * 840)),
        ("Pemkab Tegal", 2027): (3, Decimal(3 * 10_080)),
    }
    assert renewal_groups([tegal], date(2026, 9, 1)) == []


def test_village_arrears_and_ageing(workers):
    programme = make_programme([("apbdes", "APBDes Prupuk Selatan", "100")])
    Sponsor.objects.filter(kind="apbdes").update(region_id="33.28.01.2001")
    enrol(programme, workers[:2])
    for m in (1, 2, 3, 4):
        billing_run(actor=None, month=date(2026, m, 1), today=date(2026, 4, 10))
    village = Sponsor.objects.get(kind="apbdes")
    payment_record(actor=None, sponsor=village, amount=Decimal(33_600), paid_on=date(2026, 2, 10), today=TODAY)
    rows = village_arrears(Sponsor.objects.all(), date(2026, 8, 20))
    assert len(rows) == 1
    row = rows[0]
    assert (row.billed, row.paid, row.arrears, row.oldest, row.months) == (
        Decimal(4 * 33_600), Decimal(33_600), Decimal(3 * 33_600), date(2026, 2, 1), 6,
    )  # fmt: skip
    assert (row.status, row.bucket) == ("Menunggak", "6–12 bulan")
    assert ageing(rows)[2] == ("6–12 bulan", 1, Decimal(3 * 33_600))
