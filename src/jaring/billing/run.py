"""A month's billing run: one bill per sponsor, its lines written by set-based SQL from a small template.

A bill is made once. Running a month again finds its bills and changes nothing; what changed since (a
member added or removed, a lapse, a rate corrected) becomes adjustment lines in the sponsor's next bill,
the difference between what the months billed so far should hold now and what their lines hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import polars as pl
from django.db import connection, transaction
from django.utils import timezone

from jaring.accounts.access import code_in_scope
from jaring.audit.services import audit_record
from jaring.billing.allocation import credit_allocate
from jaring.billing.fines import fines_add
from jaring.billing.lapse import memberships_lapse
from jaring.billing.models import Bill, BillLine
from jaring.billing.refusal import BillingRefused
from jaring.billing.template import Terms, line_template, programme_terms
from jaring.enrolment.models import Status
from jaring.funding.models import Programme, Sponsor
from jaring.registry.bulk import copy_rows, temp_table
from jaring.rules.table import add_months, month_start

# Statuses whose months are billed: active now, or active in months before they lapsed or ended (their
# ``end`` says until when).
BILLED_STATUSES = (Status.ACTIVE, Status.LAPSED, Status.ENDED)
# How far back a run looks for corrections to months already billed.
CORRECTION_MONTHS = 24

Report = Callable[[str, int, int], None]


def _quiet(stage: str, done: int, total: int) -> None:
    return None


@dataclass
class RunResult:
    month: date
    bills: int = 0
    lines: int = 0
    total: Decimal = Decimal(0)
    created: int = 0
    unchanged: int = 0
    adjustments: int = 0
    lapsed: int = 0
    warnings: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        # Exactly the keys of the interface (`jaring billing run --json`).
        return {
            "month": f"{self.month:%Y-%m}",
            "bills": self.bills,
            "lines": self.lines,
            "total": str(int(self.total)),
            "created": self.created,
            "unchanged": self.unchanged,
            "adjustments": self.adjustments,
            "warnings": self.warnings,
        }


def _text(frame: pl.DataFrame, *columns: str) -> pl.DataFrame:
    return frame.with_columns(pl.col(c).dt.strftime("%Y-%m-%d") for c in columns)


def _date_type() -> str:
    return "date" if connection.vendor == "postgresql" else "text"


def _programmes(actor: Any, sponsor: Sponsor | None) -> list[Programme]:
    found = Programme.objects.filter(sponsors__isnull=False).distinct().order_by("pk")
    if sponsor is not None:
        found = found.filter(sponsors__sponsor=sponsor)
    return [p for p in found if actor is None or code_in_scope(actor, p.region_id)]


def _covering(sponsor_ids: set[int], month: date) -> dict[int, Bill]:
    """Each sponsor's bill that already covers ``month`` (a bill covers up to twelve months)."""
    found: dict[int, Bill] = {}
    for bill in Bill.objects.filter(sponsor_id__in=sponsor_ids, month__gt=add_months(month, -12), month__lte=month):
        if add_months(bill.month, bill.months) > month:
            found[bill.sponsor_id] = bill
    return found


def _span(sponsor: Sponsor, month: date) -> int:
    """The months a new bill covers: the sponsor's cycle, cut short before a bill already made later."""
    later = Bill.objects.filter(sponsor=sponsor, month__gt=month).order_by("month").values_list("month", flat=True)
    months = int(sponsor.bill_months or 1)
    nxt = later.first()
    while nxt is not None and months > 1 and add_months(month, months - 1) >= nxt:
        months -= 1
    return months


def _billed_before(sponsor_ids: set[int], month: date) -> dict[int, set[date]]:
    """Per sponsor, the iuran months its earlier bills covered within the correction window."""
    since = add_months(month, -CORRECTION_MONTHS)
    months: dict[int, set[date]] = {}
    for bill in Bill.objects.filter(sponsor_id__in=sponsor_ids, month__lt=month, month__gte=add_months(since, -12)):
        for k in range(bill.months):
            m = add_months(bill.month, k)
            if since <= m < month:
                months.setdefault(bill.sponsor_id, set()).add(m)
    return months


def _insert_iuran(stage: str, template: pl.DataFrame) -> int:
    columns = [
        ("bill_id", "bigint"),
        ("programme_id", "bigint"),
        ("month", _date_type()),
        ("month_last", _date_type()),
        ("benefit", "varchar(3)"),
        ("amount", "bigint"),
        ("rule_code", "varchar(40)"),
        ("modifier", "varchar(40)"),
    ]
    table = temp_table(columns)
    copy_rows(table, [c for c, _ in columns], _text(template, "month", "month_last"))
    statuses = ", ".join(f"'{s}'" for s in BILLED_STATUSES)
    with connection.cursor() as cursor:
        # Set-based: the template is a few rows a programme; the database walks each programme's members
        # through the (programme, status) index. Fixed names and status words only.
        cursor.execute(
            f"INSERT INTO billing_billline (bill_id, membership_id, month, benefit, kind, amount, rule_code, modifier) "  # noqa: S608
            f"SELECT t.bill_id, m.id, t.month, t.benefit, 'i', t.amount, t.rule_code, t.modifier "
            f"FROM {table} t JOIN enrolment_membership m ON m.programme_id = t.programme_id "
            f'WHERE m.status IN ({statuses}) AND m.start <= t.month_last AND m."end" >= t.month'
        )
        inserted = cursor.rowcount
        cursor.execute(f"DROP TABLE {table}")
    return int(inserted)


def _insert_adjustments(expected: pl.DataFrame, past: pl.DataFrame) -> int:
    """Adjustment lines: what the months billed before should hold now, less what their lines hold."""
    if past.is_empty():
        return 0
    columns = [
        ("bill_id", "bigint"),
        ("programme_id", "bigint"),
        ("month", _date_type()),
        ("month_last", _date_type()),
        ("benefit", "varchar(3)"),
        ("amount", "bigint"),
        ("rule_code", "varchar(40)"),
    ]
    should = temp_table(columns)
    copy_rows(should, [c for c, _ in columns], _text(expected, "month", "month_last"))
    spans = temp_table([("bill_id", "bigint"), ("sponsor_id", "bigint"), ("month", _date_type())])
    copy_rows(spans, ["bill_id", "sponsor_id", "month"], _text(past, "month"))
    statuses = ", ".join(f"'{s}'" for s in BILLED_STATUSES)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO billing_billline (bill_id, membership_id, month, benefit, kind, amount, rule_code, modifier) "  # noqa: S608
            "SELECT d.bill_id, d.membership_id, d.month, d.benefit, 'a', SUM(d.amount), "
            "CASE WHEN MAX(d.rule_code) = '' THEN 'BILL.CORRECTION' ELSE MAX(d.rule_code) END, '' FROM ("
            f"  SELECT s.bill_id, m.id AS membership_id, s.month, s.benefit, s.amount, s.rule_code FROM {should} s "
            "  JOIN enrolment_membership m ON m.programme_id = s.programme_id "
            f'  WHERE m.status IN ({statuses}) AND m.start <= s.month_last AND m."end" >= s.month '
            "  UNION ALL "
            "  SELECT p.bill_id, l.membership_id, l.month, l.benefit, -l.amount, '' FROM billing_billline l "
            "  JOIN billing_bill b ON b.id = l.bill_id "
            f"  JOIN {spans} p ON p.sponsor_id = b.sponsor_id AND p.month = l.month "
            "  WHERE l.kind IN ('i', 'a') AND b.id <> p.bill_id"
            ") d GROUP BY d.bill_id, d.membership_id, d.month, d.benefit HAVING SUM(d.amount) <> 0"
        )
        inserted = cursor.rowcount
        cursor.execute(f"DROP TABLE {should}")
        cursor.execute(f"DROP TABLE {spans}")
    return int(inserted)


def bills_total(bill_ids: list[int]) -> None:
    """Sets each bill's sums from its lines: two grouped reads of the lines, then one small update a bill."""
    if not bill_ids:
        return
    marks = ", ".join(["%s"] * len(bill_ids))
    sums: dict[int, dict[str, Decimal]] = {b: {} for b in bill_ids}
    members: dict[int, int] = dict.fromkeys(bill_ids, 0)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT bill_id, kind, SUM(amount) FROM billing_billline WHERE bill_id IN ({marks}) "  # noqa: S608
            "GROUP BY bill_id, kind",
            bill_ids,
        )
        for bill_id, kind, amount in cursor.fetchall():
            sums[bill_id][kind] = Decimal(amount)
        cursor.execute(
            f"SELECT bill_id, COUNT(DISTINCT membership_id) FROM billing_billline WHERE bill_id IN ({marks}) "  # noqa: S608
            "GROUP BY bill_id",
            bill_ids,
        )
        members.update(dict(cursor.fetchall()))
    for bill_id, by_kind in sums.items():
        iuran, adjustments, fines = (by_kind.get(k, Decimal(0)) for k in ("i", "a", "f"))
        Bill.objects.filter(pk=bill_id).update(
            iuran=iuran,
            adjustments=adjustments,
            fines=fines,
            total=iuran + adjustments + fines,
            members=members[bill_id],
        )


def billing_run(
    *,
    actor: Any,
    month: date,
    sponsor: Sponsor | None = None,
    today: date | None = None,
    report: Report = _quiet,
) -> RunResult:
    """Bills every sponsor (or one) in the actor's scope for ``month``; see the module docstring."""
    month = month_start(month)
    today = today or timezone.localdate()
    if month > month_start(today):
        raise BillingRefused(
            "BILL.MONTH_NOT_STARTED",
            f"Bulan {month:%m/%Y} belum dimulai; tagihan paling cepat dibuat pada bulan itu.",
        )
    with transaction.atomic():
        result = _run(actor, month, sponsor, today, report)
    return result


def _run(actor: Any, month: date, sponsor: Sponsor | None, today: date, report: Report) -> RunResult:
    result = RunResult(month=month)
    programmes = _programmes(actor, sponsor)
    terms = {p.pk: programme_terms(p) for p in programmes}
    funded: dict[int, list[Terms]] = {}
    for t in terms.values():
        for payer in t.payers:
            if sponsor is None or payer.sponsor_id == sponsor.pk:
                funded.setdefault(payer.sponsor_id, []).append(t)
    # A sponsor above the actor's region (a province's APBD) is billed by its own region's run: a regency's
    # run would make its bill from the regency's programmes only.
    sponsors = {
        s.pk: s for s in Sponsor.objects.filter(pk__in=funded) if actor is None or code_in_scope(actor, s.region_id)
    }
    covering = _covering(set(sponsors), month)
    new = {sid: s for sid, s in sponsors.items() if sid not in covering}
    report("plan", 0, len(new))
    now = timezone.now()
    bills = {
        sid: Bill.objects.create(sponsor=s, month=month, months=_span(s, month), created_by=actor, created_at=now)
        for sid, s in new.items()
    }
    before = _billed_before(set(bills), month)
    wanted: dict[int, set[date]] = {}
    for sid, bill in bills.items():
        span = {add_months(month, k) for k in range(bill.months)} | before.get(sid, set())
        for t in funded[sid]:
            wanted.setdefault(t.programme_id, set()).update(span)
    lines, warnings = line_template([terms[p] for p in wanted], wanted)
    ids = pl.DataFrame(
        [(sid, b.pk, b.month, add_months(b.month, b.months)) for sid, b in bills.items()],
        schema={"sponsor_id": pl.Int64, "bill_id": pl.Int64, "first": pl.Date, "after": pl.Date},
        orient="row",
    )
    lines = lines.join(ids, on="sponsor_id")
    current = lines.filter((pl.col("month") >= pl.col("first")) & (pl.col("month") < pl.col("after")))
    report("lines", 0, len(bills))
    _insert_iuran("lines", current)
    report("adjust", 0, len(bills))
    past = pl.DataFrame(
        [(bills[sid].pk, sid, m) for sid, months in before.items() for m in sorted(months)],
        schema={"bill_id": pl.Int64, "sponsor_id": pl.Int64, "month": pl.Date},
        orient="row",
    )
    expected = lines.join(past.select("sponsor_id", "month"), on=["sponsor_id", "month"])
    _insert_adjustments(expected, past)
    fines_add(bills=list(bills.values()), today=today)
    bills_total([b.pk for b in bills.values()])
    empty = Bill.objects.filter(pk__in=[b.pk for b in bills.values()], members=0)
    empty_ids = set(empty.values_list("pk", flat=True))
    empty.delete()
    made = [b for b in bills.values() if b.pk not in empty_ids]
    for bill in made:
        bill.refresh_from_db()
        said = warnings.filter(pl.col("sponsor_id") == bill.sponsor_id).select("code", "message_id", "message_en")
        bill.warnings = said.unique(maintain_order=True).to_dicts()
        bill.save(update_fields=["warnings"])
        credit_allocate(sponsor=bill.sponsor, on=today)
        audit_record(
            actor=actor,
            action="bill.create",
            obj=bill,
            region_code=bill.sponsor.region_id,
            summary={
                "month": f"{month:%Y-%m}",
                "months": bill.months,
                "total": str(bill.total),
                "members": bill.members,
            },
        )
    if sponsor is not None and not made and not covering:
        raise BillingRefused(
            "BILL.NO_MEMBERS",
            f"{sponsor.name} tidak mendanai peserta aktif pada bulan {month:%m/%Y}; tidak ada tagihan dibuat.",
        )
    Bill.objects.filter(pk__in=[b.pk for b in made], total__lte=0).update(settled_on=today)
    report("lapse", 0, 0)
    result.lapsed = memberships_lapse(actor=actor, on=today, programme_ids=[p.pk for p in programmes])
    result.created = len(made)
    in_month = list(covering.values()) + [Bill.objects.get(pk=b.pk) for b in made]
    result.unchanged = len(covering)
    result.bills = len(in_month)
    result.total = sum((b.total for b in in_month), Decimal(0))
    result.lines = BillLine.objects.filter(bill__in=[b.pk for b in in_month]).count()
    result.adjustments = BillLine.objects.filter(bill__in=[b.pk for b in made], kind="a").count()
    seen: dict[str, dict[str, Any]] = {}
    for bill in in_month:
        for w in bill.warnings:
            seen.setdefault(w["code"], w)
    result.warnings = list(seen.values())
    return result
