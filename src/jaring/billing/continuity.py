"""Will protection run out? Alerts 60, 30 and 0 days before a gap, and the renewal list for the budget hearing.

A gap comes three ways: the iuran paid so far runs out before the programme ends ("gap"); the programme
ends with no programme to follow it ("end"); above all, it ends on 31 December while next year's budget is
not yet executable ("january": in the field, premiums unpaid January to May).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q

from jaring.billing.status import programme_status
from jaring.billing.template import line_template, programme_terms
from jaring.enrolment.models import Membership, Status
from jaring.enrolment.services import programme_period
from jaring.funding.models import Programme, Sponsor
from jaring.rules.late import due_date
from jaring.rules.table import month_start

HORIZON = 60
LEVELS = (0, 30, 60)


@dataclass(frozen=True)
class Alert:
    programme: Programme
    kind: str  # gap, end, january
    on: date  # the first day without protection
    days: int  # from today; 0 or less: already there
    members: int
    paid_through: date | None

    @property
    def level(self) -> int:
        return next(level for level in LEVELS if self.days <= level)

    @property
    def message(self) -> str:
        who = f"{self.members:,}".replace(",", ".") + " peserta"
        when = f"mulai {self.on:%d/%m/%Y}" + (f" ({self.days} hari lagi)" if self.days > 0 else " (sudah terjadi)")
        if self.kind == "january":
            return (
                f"Celah Januari: program berakhir {self.on - timedelta(days=1):%d/%m/%Y} dan belum ada program "
                f"lanjutan untuk {self.on.year}. {who} tidak terlindungi {when}."
            )
        if self.kind == "end":
            return f"Program berakhir tanpa program lanjutan: {who} tidak terlindungi {when}."
        paid = f"sampai {self.paid_through:%d/%m/%Y}" if self.paid_through else "belum ada"
        due = self.on - timedelta(days=1)
        return (
            f"Iuran yang dibayar: {paid}; iuran berikutnya jatuh tempo {due:%d/%m/%Y}. Tanpa pembayaran, "
            f"{who} menunggak {when}."
        )


def _successor(programme: Programme, after: date) -> bool:
    """A programme follows: rolled over from this one, or of the same region and segment from the next day."""
    return Programme.objects.filter(
        Q(previous=programme) | Q(region_id=programme.region_id, segment=programme.segment, start=after)
    ).exists()


def continuity_alerts(programmes: Iterable[Programme], today: date, horizon: int = HORIZON) -> list[Alert]:
    alerts = []
    for programme in programmes:
        members = Membership.objects.filter(programme=programme, status=Status.ACTIVE, end__gte=today).count()
        if not members:
            continue
        last = programme_period(programme)[1]
        after = last + timedelta(days=1)
        status = programme_status(programme, today)
        billed = status.paid_through is not None or status.arrears > 0
        if billed and (status.paid_through is None or status.paid_through < last):
            # The next unpaid month falls due; after that day the members are in arrears (BPU ones lapse
            # after three such months).
            unpaid = month_start(status.paid_through + timedelta(days=1)) if status.paid_through else programme.start
            gap = due_date(unpaid) + timedelta(days=1)
            if (gap - today).days <= horizon:
                alerts.append(Alert(programme, "gap", gap, (gap - today).days, members, status.paid_through))
        if (after - today).days <= horizon and not _successor(programme, after):
            kind = "january" if (after.month, after.day) == (1, 1) else "end"
            alerts.append(Alert(programme, kind, after, (after - today).days, members, status.paid_through))
    return sorted(alerts, key=lambda a: (a.days, a.programme.pk))


@dataclass(frozen=True)
class RenewalGroup:
    sponsor: Sponsor
    budget_year: int  # the year whose budget must pay to go on
    members: int
    monthly: Decimal  # the sponsor's iuran a month for them, at the rates of their last month


def ending_memberships(programmes: Iterable[Programme], today: date, days: int = HORIZON):  # type: ignore[no-untyped-def]
    ids = [p.pk for p in programmes]
    return (
        Membership.objects.filter(programme_id__in=ids, status=Status.ACTIVE, end__gte=today)
        .filter(end__lte=today + timedelta(days=days))
        .select_related("worker", "worker__village", "programme")
        .order_by("end", "programme_id", "worker__name", "pk")
    )


def renewal_groups(programmes: Iterable[Programme], today: date, days: int = HORIZON) -> list[RenewalGroup]:
    """Memberships ending in the next ``days`` days, by sponsor and budget year."""
    # Counted by the database per programme and end date (a handful of rows), never member by member.
    ending = (
        ending_memberships(programmes, today, days).order_by().values("programme_id", "end").annotate(n=Count("id"))
    )
    counts: dict[tuple[int, int], int] = {}
    cost: dict[tuple[int, int], Decimal] = {}
    for row in ending:
        programme_id, end, n = row["programme_id"], row["end"], row["n"]
        terms = programme_terms(Programme.objects.get(pk=programme_id))
        lines, _ = line_template([terms], {programme_id: {month_start(end)}})
        per_sponsor: dict[int, Decimal] = {}
        for sponsor_id, amount in lines.select("sponsor_id", "amount").iter_rows():
            per_sponsor[sponsor_id] = per_sponsor.get(sponsor_id, Decimal(0)) + amount
        year = (end + timedelta(days=1)).year
        for payer in terms.payers:
            key = (payer.sponsor_id, year)
            counts[key] = counts.get(key, 0) + n
            cost[key] = cost.get(key, Decimal(0)) + n * per_sponsor.get(payer.sponsor_id, Decimal(0))
    sponsors = Sponsor.objects.in_bulk([k[0] for k in counts])
    return [
        RenewalGroup(sponsors[s], year, counts[(s, year)], cost[(s, year)])
        for (s, year) in sorted(counts, key=lambda k: (sponsors[k[0]].name, k[1]))
    ]
