"""Where a programme's cohort stands on a date: how many active and lapsed, paid through when, what is owed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import polars as pl
from django.db import connection
from django.db.models import Q

from jaring.billing.paid import month_flags, paid_through
from jaring.enrolment.models import Membership, Status
from jaring.funding.models import Programme


@dataclass(frozen=True)
class ProgrammeStatus:
    active: int
    lapsed: int
    paid_through: date | None
    arrears: Decimal

    def as_json(self) -> dict[str, Any]:
        # Exactly the keys of the interface (`jaring billing status --json`).
        return {
            "active": self.active,
            "lapsed": self.lapsed,
            "paid_through": self.paid_through.isoformat() if self.paid_through else None,
            "arrears": str(int(self.arrears)),
        }


def member_paid_through(programme: Programme, on: date) -> pl.DataFrame:
    """(membership_id, paid_through) of every member billed so far, capped at the membership's end."""
    through = paid_through(month_flags(programme_ids=[programme.pk], on=on))
    ends = pl.DataFrame(
        list(Membership.objects.filter(programme=programme).values_list("pk", "end")),
        schema={"membership_id": pl.Int64, "end": pl.Date},
        orient="row",
    )
    return through.join(ends, on="membership_id").select(
        "membership_id",
        pl.when(pl.col("paid_through").is_null())
        .then(pl.lit(None, pl.Date))
        .otherwise(pl.min_horizontal("paid_through", "end"))
        .alias("paid_through"),
    )


def programme_arrears(programme: Programme) -> Decimal:
    """The programme's part of what its sponsors still owe: each open bill's rest in proportion to the
    programme's lines in it."""
    sql = (
        "SELECT b.total, b.paid, SUM(l.amount) FROM billing_bill b JOIN billing_billline l ON l.bill_id = b.id "
        "JOIN enrolment_membership m ON m.id = l.membership_id "
        "WHERE m.programme_id = %s AND b.settled_on IS NULL AND b.total > 0 GROUP BY b.id, b.total, b.paid"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [programme.pk])
        rows = cursor.fetchall()
    owed = Decimal(0)
    for total, paid, part in rows:
        total, paid, part = Decimal(total), Decimal(paid), Decimal(part)
        owed += ((total - paid) * part / total).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return owed


def programme_status(programme: Programme, on: date) -> ProgrammeStatus:
    members = Membership.objects.filter(programme=programme)
    active_now = members.filter(status=Status.ACTIVE).filter(Q(start__lte=on) & Q(end__gte=on))
    active_ids = set(active_now.values_list("pk", flat=True))
    through = member_paid_through(programme, on).filter(pl.col("membership_id").is_in(list(active_ids)))
    # The cohort is paid through the earliest of its active members; not at all if one has nothing paid.
    cohort: date | None = None
    if active_ids and through.height == len(active_ids) and through.get_column("paid_through").null_count() == 0:
        cohort = through.get_column("paid_through").min()  # type: ignore[assignment]
    return ProgrammeStatus(
        active=len(active_ids),
        lapsed=members.filter(status=Status.LAPSED).count(),
        paid_through=cohort,
        arrears=programme_arrears(programme),
    )
