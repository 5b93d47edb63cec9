"""Villages behind on the iuran of their APBDes-funded cohorts: status per village and an ageing list
(0–3, 3–6, 6–12, over 12 months) for the village affairs office, which refers the worst to the
prosecutor's civil division (Datun) in the field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Min, Q, Sum

from jaring.funding.models import Sponsor, SponsorKind

BUCKETS = (
    (3, "0–3 bulan"),
    (6, "3–6 bulan"),
    (12, "6–12 bulan"),
    (None, "lebih dari 12 bulan"),
)


@dataclass(frozen=True)
class VillageArrears:
    sponsor: Sponsor
    billed: Decimal
    paid: Decimal
    arrears: Decimal
    oldest: date | None  # the first iuran month still unpaid
    months: int  # how long since: whole months from the oldest unpaid month to today's

    @property
    def bucket(self) -> str:
        if self.arrears <= 0:
            return ""
        return next(label for limit, label in BUCKETS if limit is None or self.months < limit)

    @property
    def status(self) -> str:
        return "Menunggak" if self.arrears > 0 else "Lunas"


def village_arrears(sponsors: Iterable[Sponsor], today: date) -> list[VillageArrears]:
    """One row per APBDes sponsor with bills, most behind first."""
    ids = [s.pk for s in sponsors if s.kind == SponsorKind.APBDES]
    open_bill = Q(bills__settled_on__isnull=True, bills__total__gt=0)
    rows = (
        Sponsor.objects.filter(pk__in=ids, bills__isnull=False)
        .select_related("region")
        .annotate(
            billed=Sum("bills__total", filter=Q(bills__total__gt=0)),
            paid_sum=Sum("bills__paid"),
            open_total=Sum("bills__total", filter=open_bill),
            open_paid=Sum("bills__paid", filter=open_bill),
            oldest=Min("bills__month", filter=open_bill),
        )
    )
    out = []
    for s in rows:
        owed = (s.open_total or Decimal(0)) - (s.open_paid or Decimal(0))
        months = 0 if s.oldest is None else (today.year - s.oldest.year) * 12 + today.month - s.oldest.month
        out.append(VillageArrears(s, s.billed or Decimal(0), s.paid_sum or Decimal(0), owed, s.oldest, months))
    return sorted(out, key=lambda v: (-v.months if v.arrears > 0 else 1, -v.arrears, v.sponsor.name))


def ageing(rows: list[VillageArrears]) -> list[tuple[str, int, Decimal]]:
    """(bucket, villages, arrears) for each bucket, in order."""
    return [
        (
            label,
            sum(1 for r in rows if r.bucket == label),
            sum((r.arrears for r in rows if r.bucket == label), Decimal(0)),
        )
        for _, label in BUCKETS
    ]
