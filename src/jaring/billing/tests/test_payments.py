"""Payments settle the oldest bills first; the rest is carried; BPU members lapse after three unpaid months;
PU members' bills carry the late fine; the programme's status says where it stands."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jaring.billing.lapse import memberships_lapse
from jaring.billing.models import Allocation, Bill, BillLine, Payment
from jaring.billing.payments import payment_record
from jaring.billing.refusal import BillingRefused
from jaring.billing.run import billing_run
from jaring.billing.status import programme_status
from jaring.billing.tests.cohort import TODAY, enrol, make_programme, sponsor
from jaring.enrolment.models import Status

pytestmark = pytest.mark.django_db
D = Decimal


def _bill(months: list[date], today: date = TODAY) -> None:
    for month in months:
        billing_run(actor=None, month=month, today=today)


def _pay(name: str, amount: int, on: date):
    return payment_record(actor=None, sponsor=sponsor(name), amount=D(amount), paid_on=on, today=TODAY)


def test_allocation_across_months_and_an_overpayment_carried(tegal):
    _bill([date(2026, 1, 1), date(2026, 2, 1)])
    paid = _pay("Pemkab Tegal", 70_000, date(2026, 3, 5))
    assert paid.as_json() == {"payment": paid.payment.pk, "allocated": "60480", "carried": "9520"}
    assert "Kelebihan Rp 9.520 disimpan" in paid.message
    apbd = Bill.objects.filter(sponsor=sponsor("Pemkab Tegal")).order_by("month")
    assert [(b.paid, b.settled_on) for b in apbd] == [(D(30_240), date(2026, 3, 5))] * 2
    # The credit settles part of the next bill as soon as it is made.
    _bill([date(2026, 3, 1)])
    march = Bill.objects.get(sponsor=sponsor("Pemkab Tegal"), month=date(2026, 3, 1))
    assert (march.paid, march.settled_on, march.outstanding) == (D(9_520), None, D(20_720))


def test_an_underpayment_leaves_the_oldest_bill_open(tegal):
    _bill([date(2026, 1, 1), date(2026, 2, 1)])
    paid = _pay("Pemkab Tegal", 40_000, date(2026, 3, 5))
    assert (paid.allocated, paid.carried, paid.arrears) == (D(40_000), D(0), D(20_480))
    jan, feb = Bill.objects.filter(sponsor=sponsor("Pemkab Tegal")).order_by("month")
    assert (jan.paid, jan.settled_on is not None, feb.paid, feb.settled_on) == (D(30_240), True, D(9_760), None)
    assert Allocation.objects.count() == 2


def test_bad_payments_are_refused_and_nothing_is_written(tegal):
    for amount, on, code in [(0, date(2026, 3, 1), "PAYMENT.AMOUNT"), (100, date(2026, 12, 4), "PAYMENT.FUTURE")]:
        with pytest.raises(BillingRefused) as caught:
            _pay("Pemkab Tegal", amount, on)
        assert caught.value.code == code
    with pytest.raises(BillingRefused):
        payment_record(
            actor=None, sponsor=sponsor("Pemkab Tegal"), amount=D("10.5"), paid_on=date(2026, 3, 1), today=TODAY
        )
    assert not Payment.objects.exists()


def test_bpu_lapse_after_exactly_three_unpaid_months(tegal):
    _bill([date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)], today=date(2026, 3, 20))
    _pay("Pemkab Tegal", 30_240, date(2026, 2, 10))
    _pay("DBHCHT Tegal", 15_120, date(2026, 2, 10))
    _pay("PT Tegal Makmur", 5_040, date(2026, 2, 10))
    _bill([date(2026, 4, 1)], today=date(2026, 4, 20))
    # January paid; February, March and April unpaid. April's due date is 15 May: on that day two months
    # are overdue, on the next three.
    ids = [tegal.pk]
    assert memberships_lapse(actor=None, on=date(2026, 5, 15), programme_ids=ids) == 0
    assert memberships_lapse(actor=None, on=date(2026, 5, 16), programme_ids=ids) == 3
    member = tegal.memberships.first()
    assert (member.status, member.end) == (Status.LAPSED, date(2026, 1, 31))
    assert "3 bulan iuran tidak dibayar" in member.reason
    # The months it will not owe come back as corrections in the next bill.
    _bill([date(2026, 5, 1)], today=date(2026, 5, 20))
    may = Bill.objects.get(sponsor=sponsor("Pemkab Tegal"), month=date(2026, 5, 1))
    assert (may.iuran, may.adjustments) == (D(0), D(-3 * 3 * 10_080))


def test_pu_late_fine_on_the_next_bill(workers):
    programme = make_programme([("apbd", "Pemkab Tegal", "100")], segment="pu", wage=D(2_300_000))
    enrol(programme, workers[:1])
    _bill([date(2026, 1, 1)], today=date(2026, 1, 20))
    _bill([date(2026, 2, 1)], today=date(2026, 2, 20))
    _bill([date(2026, 3, 1)], today=date(2026, 3, 20))
    # On 20 March January's iuran (12,420, due 15 February) is two months late: 2% × 2 = 496.8 → 497; in the
    # February bill it was one month late (248.4 → 248), so March adds 249; February's (due 15 March) is one
    # month late: 248.
    feb = Bill.objects.get(month=date(2026, 2, 1))
    assert list(feb.lines.filter(kind="f").values_list("month", "amount", "rule_code")) == [
        (date(2026, 1, 1), D(248), "LATE.PU.FINE")
    ]
    march = Bill.objects.get(month=date(2026, 3, 1))
    fines = dict(march.lines.filter(kind="f").values_list("month", "amount"))
    assert fines == {date(2026, 1, 1): D(249), date(2026, 2, 1): D(248)}
    assert (march.fines, march.total) == (D(497), D(12_420 + 497))
    assert BillLine.objects.filter(kind="f").count() == 3


def test_programme_status(tegal):
    _bill([date(2026, 1, 1), date(2026, 2, 1)])
    for name, amount in [("Pemkab Tegal", 30_240), ("DBHCHT Tegal", 15_120), ("PT Tegal Makmur", 5_040)]:
        _pay(name, amount, date(2026, 1, 25))
    status = programme_status(tegal, date(2026, 2, 20))
    assert status.as_json() == {"active": 3, "lapsed": 0, "paid_through": "2026-01-31", "arrears": "50400"}
    before = programme_status(tegal, date(2026, 1, 20))
    assert before.paid_through is None
