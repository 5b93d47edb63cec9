"""Reads of bills and payments, scoped: a sponsor user sees the bills of the sponsors it speaks for; everyone
else the sponsors of its own region and the regions inside it; a leader the totals only (no member's line).

Sponsors of a region *above* the user's (a province's APBD) are not shown, although the programme pages
show them: such a bill holds the lines of every regency the sponsor funds, not only the user's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet, Sum

from jaring.accounts.access import NotInScope, has_capability, scope_code
from jaring.accounts.roles import Cap, Role
from jaring.billing.models import Allocation, Bill, BillingRunJob, BillLine, Payment
from jaring.funding.models import Sponsor

ZERO = Decimal(0)


def may_read_billing(user: Any) -> bool:
    return has_capability(user, Cap.BILLING_VIEW) or has_capability(user, Cap.BILLING_TOTALS)


def may_see_lines(user: Any) -> bool:
    """Members' lines (names, masked NIKs) are for BILLING_VIEW; a leader reads totals only."""
    return has_capability(user, Cap.BILLING_VIEW)


def may_record(user: Any) -> bool:
    return has_capability(user, Cap.BILLING_EDIT) and scope_code(user) is not None


def billing_sponsors_for(user: Any) -> QuerySet[Sponsor]:
    if not may_read_billing(user):
        raise PermissionDenied("Peran Anda tidak mengizinkan melihat tagihan.")
    sponsors = Sponsor.objects.select_related("region")
    if user.role == Role.SPONSOR and not user.is_superuser:
        return sponsors.filter(members=user)
    scope = scope_code(user)
    if scope is None:
        return sponsors
    return sponsors.filter(Q(region_id=scope) | Q(region__code__startswith=f"{scope}."))


def access_billing_sponsor(user: Any, sponsor_id: int) -> Sponsor:
    sponsor = billing_sponsors_for(user).filter(pk=sponsor_id).first()
    if sponsor is None:
        raise NotInScope(f"Sponsor nomor {sponsor_id} tidak ditemukan.")
    return sponsor


def bills_for(user: Any, *, sponsor_id: int | None = None, month: date | None = None) -> QuerySet[Bill]:
    bills = Bill.objects.filter(sponsor__in=billing_sponsors_for(user)).select_related("sponsor")
    if sponsor_id is not None:
        bills = bills.filter(sponsor_id=sponsor_id)
    if month is not None:
        bills = bills.filter(month=month)
    return bills.order_by("sponsor__name", "month")


def access_bill(user: Any, bill_id: int) -> Bill:
    bill = bills_for(user).filter(pk=bill_id).first()
    if bill is None:
        raise NotInScope(f"Tagihan nomor {bill_id} tidak ditemukan.")
    return bill


def payments_for(user: Any, *, sponsor_id: int | None = None) -> QuerySet[Payment]:
    payments = Payment.objects.filter(sponsor__in=billing_sponsors_for(user)).select_related("sponsor")
    if sponsor_id is not None:
        payments = payments.filter(sponsor_id=sponsor_id)
    return payments.order_by("-paid_on", "-pk")


def access_payment_proof(user: Any, payment_id: int) -> Payment:
    """A payment whose proof the user may open: its sponsor in the user's reach (404 outside it), the user one
    who reads bills line by line (a leader reads totals only: 403), and a proof kept (404 without one)."""
    payment = payments_for(user).filter(pk=payment_id).first()
    if payment is None or not payment.proof:
        raise NotInScope("Bukti bayar tidak ditemukan.")
    if not may_see_lines(user):
        raise PermissionDenied("Peran Anda hanya melihat jumlah tagihan, bukan bukti bayar.")
    return payment


def bill_status(bill: Bill) -> str:
    """Lunas, Sebagian or Belum dibayar: what the bill pages and exports call it."""
    if bill.settled_on is not None or bill.total <= 0:
        return "Lunas"
    if bill.paid > 0:
        return "Sebagian"
    return "Belum dibayar"


@dataclass(frozen=True)
class SponsorSummary:
    sponsor: Sponsor
    billed: Decimal
    paid: Decimal
    arrears: Decimal
    credit: Decimal


def _grouped(queryset: QuerySet[Any], key: str, **sums: Any) -> dict[int, dict[str, Decimal]]:
    found: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for row in queryset.order_by().values(key).annotate(**sums):
        found[row[key]] = {name: row[name] or ZERO for name in sums}
    return found


def sponsor_summaries(sponsors: list[Sponsor]) -> list[SponsorSummary]:
    """Billed, paid, arrears and credit of each sponsor in four grouped queries, whatever their number:
    the same sums as allocation.sponsor_arrears and sponsor_credit, per sponsor."""
    ids = [s.pk for s in sponsors]
    bills = _grouped(
        Bill.objects.filter(sponsor_id__in=ids),
        "sponsor_id",
        billed=Sum("total"),
        owed=Sum("total", filter=Q(total__gt=0, settled_on__isnull=True)),
        owed_paid=Sum("paid", filter=Q(total__gt=0, settled_on__isnull=True)),
        returned=Sum("total", filter=Q(total__lt=0)),
    )
    paid = _grouped(Payment.objects.filter(sponsor_id__in=ids), "sponsor_id", amount=Sum("amount"))
    applied = _grouped(Allocation.objects.filter(bill__sponsor_id__in=ids), "bill__sponsor_id", amount=Sum("amount"))
    rows = []
    for s in sponsors:
        b = bills.get(s.pk, {})
        p = paid.get(s.pk, {}).get("amount", ZERO)
        a = applied.get(s.pk, {}).get("amount", ZERO)
        rows.append(
            SponsorSummary(
                sponsor=s,
                billed=b.get("billed", ZERO),
                paid=p,
                arrears=b.get("owed", ZERO) - b.get("owed_paid", ZERO),
                credit=p - b.get("returned", ZERO) - a,
            )
        )
    return rows


@dataclass(frozen=True)
class Breakdown:
    programme: str
    benefit: str
    members: int
    iuran: Decimal
    adjustments: Decimal
    fines: Decimal

    @property
    def total(self) -> Decimal:
        return self.iuran + self.adjustments + self.fines


def bill_breakdown(bill: Bill) -> list[Breakdown]:
    """The bill's sums per programme and benefit (JKK, JKM, JHT), in one grouped query."""
    rows = (
        BillLine.objects.filter(bill=bill)
        .order_by()
        .values("membership__programme__name", "benefit")
        .annotate(
            members=Count("membership_id", distinct=True),
            iuran=Sum("amount", filter=Q(kind="i")),
            adjustments=Sum("amount", filter=Q(kind="a")),
            fines=Sum("amount", filter=Q(kind="f")),
        )
        .order_by("membership__programme__name", "benefit")
    )
    return [
        Breakdown(
            programme=r["membership__programme__name"],
            benefit=r["benefit"],
            members=r["members"],
            iuran=r["iuran"] or ZERO,
            adjustments=r["adjustments"] or ZERO,
            fines=r["fines"] or ZERO,
        )
        for r in rows
    ]


def bill_lines(user: Any, bill: Bill) -> QuerySet[BillLine]:
    """A bill's lines with their member, by member name: not for a leader."""
    if not may_see_lines(user):
        raise PermissionDenied("Peran Anda hanya melihat jumlah tagihan, bukan rincian peserta.")
    return (
        BillLine.objects.filter(bill=bill)
        .select_related("membership__worker", "membership__programme")
        .order_by("membership__worker__search_name", "membership_id", "month", "benefit", "kind", "pk")
    )


def billing_jobs_for(user: Any) -> QuerySet[BillingRunJob]:
    """Runs started inside the user's region; a sponsor user sees none (a run bills every sponsor)."""
    if not has_capability(user, Cap.BILLING_VIEW) or (user.role == Role.SPONSOR and not user.is_superuser):
        raise PermissionDenied("Peran Anda tidak mengizinkan melihat penagihan.")
    scope = scope_code(user)
    jobs = BillingRunJob.objects.select_related("sponsor")
    if scope is None:
        return jobs
    return jobs.filter(Q(region_id=scope) | Q(region__code__startswith=f"{scope}."))


def access_billing_job(user: Any, job_id: str) -> BillingRunJob:
    job = billing_jobs_for(user).filter(pk=job_id).first()
    if job is None:
        raise NotInScope("Penagihan tidak ditemukan.")
    return job
