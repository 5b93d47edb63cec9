"""Money to bills: a payment settles the sponsor's oldest open bill first; what is left is its credit,
which settles the next bill as soon as it is made."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from jaring.billing.models import Allocation, Bill, Payment
from jaring.funding.models import Sponsor

ZERO = Decimal(0)


def _sum(queryset, field: str = "amount") -> Decimal:  # type: ignore[no-untyped-def]
    return queryset.aggregate(total=Sum(field))["total"] or ZERO


def sponsor_credit(sponsor: Sponsor) -> Decimal:
    """Paid and not yet applied, with what corrections gave back (a bill whose total fell below zero)."""
    paid = _sum(Payment.objects.filter(sponsor=sponsor))
    applied = _sum(Allocation.objects.filter(bill__sponsor=sponsor))
    returned = -_sum(Bill.objects.filter(sponsor=sponsor, total__lt=0), "total")
    return paid + returned - applied


def sponsor_arrears(sponsor: Sponsor) -> Decimal:
    open_bills = Bill.objects.filter(sponsor=sponsor, total__gt=0, settled_on__isnull=True)
    return _sum(open_bills, "total") - _sum(open_bills, "paid")


def _apply(sponsor: Sponsor, amount: Decimal, on: date, payment: Payment | None) -> Decimal:
    """Applies up to ``amount`` to the open bills, oldest first; returns what it applied."""
    left = amount
    now = timezone.now()
    open_bills = Bill.objects.select_for_update().filter(sponsor=sponsor, total__gt=0, settled_on__isnull=True)
    for bill in open_bills.order_by("month"):
        if left <= 0:
            break
        take = min(left, bill.total - bill.paid)
        if take <= 0:
            continue
        Allocation.objects.create(payment=payment, bill=bill, amount=take, created_at=now)
        bill.paid += take
        if bill.paid == bill.total:
            # ``on``: the payment's date, or for credit the billing run's own day (the bill's made that day).
            bill.settled_on = on
        bill.save(update_fields=["paid", "settled_on"])
        left -= take
    return amount - left


def payment_apply(payment: Payment) -> Decimal:
    return _apply(payment.sponsor, payment.amount, payment.paid_on, payment)


def credit_allocate(*, sponsor: Sponsor, on: date) -> Decimal:
    """Applies the sponsor's credit to its open bills: each payment's unapplied rest, oldest payment first,
    then what corrections gave back."""
    applied = ZERO
    for payment in Payment.objects.filter(sponsor=sponsor).order_by("paid_on", "pk"):
        rest = payment.amount - _sum(payment.allocations.all())
        if rest > 0:
            applied += _apply(sponsor, rest, on, payment)
    returned = sponsor_credit(sponsor)
    if returned > 0:
        applied += _apply(sponsor, returned, on, None)
    return applied
