"""Bill totals against hand-computed cases, share splits, re-runs and corrections."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jaring.billing.models import Bill, BillLine
from jaring.billing.refusal import BillingRefused
from jaring.billing.run import billing_run
from jaring.billing.tests.cohort import TODAY, enrol, make_programme, sponsor
from jaring.enrolment.models import Status

pytestmark = pytest.mark.django_db
D = Decimal


def _run(month: date, **kw):
    return billing_run(actor=None, month=month, today=kw.pop("today", TODAY), **kw)


def _totals(month: date) -> dict[str, Decimal]:
    return {b.sponsor.name: b.total for b in Bill.objects.filter(month=month).select_related("sponsor")}


def test_bpu_basic_split_60_30_10(tegal):
    # JKK 1% of Rp1,000,000 = 10,000 and JKM 6,800 a member: APBD 6,000 + 4,080, DBHCHT 3,000 + 2,040,
    # CSR 1,000 + 680; three members.
    result = _run(date(2026, 1, 1))
    assert _totals(date(2026, 1, 1)) == {
        "Pemkab Tegal": D(30_240),
        "DBHCHT Tegal": D(15_120),
        "PT Tegal Makmur": D(5_040),
    }
    assert result.as_json() == {
        "month": "2026-01", "bills": 3, "lines": 18, "total": "50400", "created": 3, "unchanged": 0,
        "adjustments": 0, "warnings": result.warnings,
    }  # fmt: skip
    line = BillLine.objects.filter(bill__sponsor=sponsor("Pemkab Tegal"), benefit="JKK")[0]
    assert (line.amount, line.rule_code, line.modifier) == (D(6000), "BPU.JKK.RATE", "")


def test_pp50_window_discounts_the_csr_share_only(tegal):
    # May 2026 lies in the PP 50/2025 window for "other" BPU: the CSR sponsor pays 10% of a line halved
    # (500 + 340), APBD and DBHCHT (through the APBD) get no discount.
    _run(date(2026, 5, 1))
    assert _totals(date(2026, 5, 1)) == {
        "Pemkab Tegal": D(30_240),
        "DBHCHT Tegal": D(15_120),
        "PT Tegal Makmur": D(2_520),
    }
    csr = BillLine.objects.filter(bill__sponsor=sponsor("PT Tegal Makmur"), benefit="JKK")[0]
    assert (csr.amount, csr.modifier) == (D(500), "BPU.PP50.OTHER")


def test_bpu_with_jht(workers):
    programme = make_programme([("apbd", "Pemkab Tegal", "100")], package="bpu-jht")
    enrol(programme, workers[:1])
    _run(date(2026, 2, 1))
    # JKK 10,000 + JKM 6,800 + JHT 2% of 1,000,000 = 20,000.
    assert _totals(date(2026, 2, 1)) == {"Pemkab Tegal": D(36_800)}
    assert set(BillLine.objects.values_list("benefit", flat=True)) == {"JKK", "JKM", "JHT"}


def test_pu_non_asn_on_a_stated_wage(workers):
    programme = make_programme([("apbd", "Pemkab Tegal", "100")], segment="pu", wage=D(2_300_000))
    enrol(programme, workers[:2])
    result = _run(date(2026, 3, 1))
    # JKK 0.24% (class sangat rendah, the configured class of a government employer) = 5,520 and JKM 0.30%
    # = 6,900: 12,420 a member.
    assert _totals(date(2026, 3, 1)) == {"Pemkab Tegal": D(24_840)}
    assert "NON_ASN.JKK_CLASS" in {w["code"] for w in result.warnings}
    assert "NON_ASN.JKK_CLASS" in {w["code"] for w in Bill.objects.get().warnings}


def test_pp49_window_relief(workers):
    programme = make_programme(
        [("apbd", "Pemkab Tegal", "100")], start=date(2020, 9, 1), months=3, today=date(2020, 8, 1)
    )
    enrol(programme, workers[:1], end=date(2020, 11, 30))
    _run(date(2020, 10, 1))
    # PP 49/2020: JKK and JKM at 1% of normal: 100 + 68.
    assert _totals(date(2020, 10, 1)) == {"Pemkab Tegal": D(168)}
    assert set(BillLine.objects.values_list("modifier", flat=True)) == {"PP49.JKK_JKM.FACTOR"}


def test_shares_that_do_not_divide_evenly(workers):
    programme = make_programme([("apbd", "A", "33.33"), ("dbhcht", "B", "33.33"), ("csr", "C", "33.34")])
    enrol(programme, workers[:1])
    _run(date(2026, 1, 1))
    # JKK 10,000: 3,333 / 3,333 / 3,334. JKM 6,800: 2,266.44 / 2,266.44 / 2,267.12 round down to 6,799; the
    # rupiah left goes to the largest share (C): 2,268.
    assert _totals(date(2026, 1, 1)) == {"A": D(5_599), "B": D(5_599), "C": D(5_602)}
    assert sum(_totals(date(2026, 1, 1)).values()) == D(16_800)


def test_a_second_run_changes_nothing(tegal):
    first = _run(date(2026, 1, 1)).as_json()
    lines = list(BillLine.objects.order_by("pk").values_list("pk", "amount"))
    second = _run(date(2026, 1, 1)).as_json()
    assert (second["created"], second["unchanged"]) == (0, 3)
    assert {k: v for k, v in second.items() if k not in ("created", "unchanged")} == {
        k: v for k, v in first.items() if k not in ("created", "unchanged")
    }
    assert list(BillLine.objects.order_by("pk").values_list("pk", "amount")) == lines


def test_a_late_addition_is_an_adjustment_in_the_next_bill(tegal, workers):
    _run(date(2026, 1, 1))
    jan = Bill.objects.get(sponsor=sponsor("Pemkab Tegal"), month=date(2026, 1, 1))
    before = (jan.total, jan.lines.count())
    enrol(tegal, workers[3:4])  # added after January was billed, protected from January
    result = _run(date(2026, 2, 1))
    jan.refresh_from_db()
    assert (jan.total, jan.lines.count()) == before  # never a silent rewrite
    feb = Bill.objects.get(sponsor=sponsor("Pemkab Tegal"), month=date(2026, 2, 1))
    assert feb.iuran == D(4 * 10_080)
    assert feb.adjustments == D(10_080)
    adjustment = feb.lines.filter(kind="a").order_by("benefit")
    assert [(a.month, a.benefit, a.amount) for a in adjustment] == [
        (date(2026, 1, 1), "JKK", D(6000)),
        (date(2026, 1, 1), "JKM", D(4080)),
    ]
    assert result.adjustments == 6  # two lines for each of three sponsors


def test_a_removal_after_billing_takes_the_month_back(tegal):
    _run(date(2026, 1, 1))
    gone = tegal.memberships.order_by("pk").first()
    gone.status = Status.CANCELLED
    gone.save()
    _run(date(2026, 2, 1))
    feb = Bill.objects.get(sponsor=sponsor("Pemkab Tegal"), month=date(2026, 2, 1))
    assert (feb.iuran, feb.adjustments, feb.total) == (D(2 * 10_080), D(-10_080), D(10_080))


def test_a_sponsor_paying_three_months_ahead_gets_one_bill(tegal):
    csr = sponsor("PT Tegal Makmur")
    csr.bill_months = 3
    csr.save()
    _run(date(2026, 1, 1))
    bill = Bill.objects.get(sponsor=csr)
    assert (bill.months, bill.total) == (3, D(3 * 5_040))
    again = _run(date(2026, 2, 1), sponsor=csr)
    assert (again.created, again.unchanged) == (0, 1)


def test_refusals(tegal):
    with pytest.raises(BillingRefused) as caught:
        _run(date(2027, 1, 1))
    assert caught.value.code == "BILL.MONTH_NOT_STARTED"
    with pytest.raises(BillingRefused) as caught:
        _run(date(2025, 12, 1), sponsor=sponsor("Pemkab Tegal"))
    assert caught.value.code == "BILL.NO_MEMBERS"
    assert not Bill.objects.exists()


def test_a_regencys_run_leaves_the_provinces_sponsor_to_the_province(workers, tegal_operator):
    from jaring.funding.models import Sponsor

    programme = make_programme([("apbd", "Pemkab Tegal", "50"), ("apbd-prov", "APBD Jawa Tengah", "50")])
    Sponsor.objects.filter(name="APBD Jawa Tengah").update(region_id="33")
    enrol(programme, workers[:1])
    result = billing_run(actor=tegal_operator, month=date(2026, 1, 1), today=TODAY)
    assert (result.created, set(Bill.objects.values_list("sponsor__name", flat=True))) == (1, {"Pemkab Tegal"})
    assert billing_run(actor=None, month=date(2026, 1, 1), today=TODAY).created == 1  # the province's own run
